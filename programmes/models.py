"""CPD, ITT and leadership programmes and their sessions: see the catalogue and booking work."""
