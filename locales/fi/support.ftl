support-heading = Lähetä viesti asiakastukeen
support-intro = Kerro, missä tarvitset apua. Vastaamme sähköpostitse arkipäivisin.
support-name = Nimi
support-email = Sähköpostiosoite
support-email-hint = Vastaamme tähän osoitteeseen.
support-organisation = Organisaatio
support-topic = Aihe
support-message = Viesti
support-message-hint = Älä kirjoita viestiin henkilötunnuksia tai potilastietoja.
support-send = Lähetä viesti
support-sending = Lähetetään…
support-sent-heading = Viesti on lähetetty
support-sent-text = Kiitos! Viestisi tunnus on { $reference }. Lähetimme tunnuksen myös sähköpostiisi. Mainitse se, jos otat yhteyttä samassa asiassa.

support-topic-login = Kirjautuminen ja Suomi.fi-tunnistus
support-topic-mandates = Valtuudet ja roolit
support-topic-taking-into-use = Kanta-palvelujen käyttöönotto
support-topic-customer-data = Asiakkuustiedot ja yhteyshenkilöt
support-topic-billing = Laskutus
support-topic-other = Muu asia

support-status-received = Vastaanotettu
support-status-in-progress = Käsittelyssä
support-status-answered = Vastattu
