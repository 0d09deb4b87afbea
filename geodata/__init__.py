"""Ukraine's oblast boundaries and place gazetteer, built from registry packages by geodata.build."""
