import ParanomCLI

ParanomCLI.main()
