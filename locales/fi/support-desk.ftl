### Server-rendered pages only: these messages are not in the browser's catalogue.
# Kanta's support desk (/staff/support) and the mail it sends to the sender.
support-desk-heading = Asiakastuen pyynnöt
support-desk-filter-status = Tila
support-desk-filter-open = Odottaa vastausta
support-desk-filter-topic = Aihe
support-desk-none = Ei pyyntöjä näillä ehdoilla.
support-desk-reference = Tunnus
support-desk-received = Saapui
support-desk-from = Lähettäjä
support-desk-status = Tila
support-desk-assignee = Käsittelijä
support-desk-back = Takaisin asiakastuen pyyntöihin
support-request-heading = Asiakastuen pyyntö
support-desk-sender = Lähettäjä
support-desk-identified = Tunnistettu henkilö
support-desk-acting-for = Asioi organisaation puolesta
support-desk-language = Vastauksen kieli
support-desk-handling = Käsittely
support-desk-not-taken = Kukaan ei ole vielä ottanut pyyntöä käsiteltäväksi.
support-desk-taken-by = Käsittelijä: { $name }
support-desk-take = Ota käsiteltäväksi
support-desk-take-over = Ota käsittelyyn itselleni
support-desk-answer = Vastaus
support-desk-answer-hint = Vastaus lähtee sähköpostina lähettäjälle hänen kielellään. Viestiä ei toisteta siinä, joten kirjoita vastaus ymmärrettäväksi ilman sitä.
support-desk-send-answer = Lähetä vastaus
support-desk-answered = Vastattu { $at }, vastaaja { $name }.

mail-support-received-subject = Kanta-palvelujen asiakastuki: { $reference } vastaanotettu
mail-support-received =
    Olemme vastaanottaneet viestisi aiheesta "{ $topic }". Sen tunnus on { $reference }.
    Vastaamme sähköpostitse arkipäivisin. Mainitse tunnus, jos otat yhteyttä samassa asiassa.

    Jos et lähettänyt viestiä, voit jättää tämän viestin huomiotta.
mail-support-answered-subject = Kanta-palvelujen asiakastuki: vastaus { $reference }
mail-support-answered =
    Vastaus viestiisi { $reference } ({ $topic }):

    { $answer }
