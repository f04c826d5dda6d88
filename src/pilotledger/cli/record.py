"""`pilotledger record`."""
