"""PDF documents that leave the office: supervision letters, three-colour sheets and lists,
laid out as GB/T 9704-2012 prescribes, with every font embedded and subset."""
