service-eprescription = Elektroniskt recept (hälso- och sjukvården)
service-eprescription-pharmacy = Elektroniskt recept (apotek)
service-patient-data = Patientdataarkivet
service-imaging = Bilddiagnostikuppgifter
service-client-data-archive = Klientdataarkivet för socialvården
service-test-environment = Testmiljön
