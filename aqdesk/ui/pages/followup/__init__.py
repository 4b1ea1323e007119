"""The 督办记录 screen's tabs: the letter register, 约谈, 问责, inspections, the office's
rules and each unit's file."""
