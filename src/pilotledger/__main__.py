from pilotledger.cli import main

main()
