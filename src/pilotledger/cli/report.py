"""`pilotledger report`."""
