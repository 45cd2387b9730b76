import RadVaultCLI

RadVaultCLIEntry.main()
