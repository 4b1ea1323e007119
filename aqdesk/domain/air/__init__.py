"""Air quality as the national rules compute it: HJ 633-2012 (AQI) and HJ 663-2013 (statistics),
and the office's targets and budget."""
