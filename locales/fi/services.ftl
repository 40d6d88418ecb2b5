service-eprescription = Sähköinen lääkemääräys (terveydenhuolto)
service-eprescription-pharmacy = Sähköinen lääkemääräys (apteekki)
service-patient-data = Potilastiedon arkisto
service-imaging = Kuvantamisen tiedot
service-client-data-archive = Sosiaalihuollon asiakastiedon arkisto
service-test-environment = Testiympäristö
