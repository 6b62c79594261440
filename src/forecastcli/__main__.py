from forecastcli.cli import main

main()
