support-heading = Skicka ett meddelande till kundsupporten
support-intro = Berätta vad du behöver hjälp med. Vi svarar per e-post på vardagar.
support-name = Namn
support-email = E-postadress
support-email-hint = Vi svarar till den här adressen.
support-organisation = Organisation
support-topic = Ämne
support-message = Meddelande
support-message-hint = Skriv inga personbeteckningar eller patientuppgifter i meddelandet.
support-send = Skicka meddelandet
support-sending = Skickar…
support-sent-heading = Meddelandet har skickats
support-sent-text = Tack! Ditt meddelande har beteckningen { $reference }. Vi skickade den också till din e-post. Nämn den om du kontaktar oss i samma ärende.

support-topic-login = Inloggning och Suomi.fi-identifikation
support-topic-mandates = Fullmakter och roller
support-topic-taking-into-use = Ibruktagande av Kanta-tjänster
support-topic-customer-data = Kunduppgifter och kontaktpersoner
support-topic-billing = Fakturering
support-topic-other = Annat ärende

support-status-received = Mottaget
support-status-in-progress = Under behandling
support-status-answered = Besvarat
