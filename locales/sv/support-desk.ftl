### Server-rendered pages only: these messages are not in the browser's catalogue.
# Kanta's support desk (/staff/support) and the mail it sends to the sender.
support-desk-heading = Kundsupportens ärenden
support-desk-filter-status = Status
support-desk-filter-open = Väntar på svar
support-desk-filter-topic = Ämne
support-desk-none = Inga ärenden med dessa villkor.
support-desk-reference = Beteckning
support-desk-received = Inkom
support-desk-from = Avsändare
support-desk-status = Status
support-desk-assignee = Handläggare
support-desk-back = Tillbaka till kundsupportens ärenden
support-request-heading = Ärende till kundsupporten
support-desk-sender = Avsändare
support-desk-identified = Identifierad person
support-desk-acting-for = Uträttar ärenden för organisationen
support-desk-language = Svarets språk
support-desk-handling = Handläggning
support-desk-not-taken = Ingen har ännu tagit ärendet till handläggning.
support-desk-taken-by = Handläggare: { $name }
support-desk-take = Ta till handläggning
support-desk-take-over = Ta över handläggningen
support-desk-answer = Svar
support-desk-answer-hint = Svaret skickas per e-post till avsändaren på hens språk. Meddelandet upprepas inte i det, så skriv svaret så att det går att förstå utan det.
support-desk-send-answer = Skicka svaret
support-desk-answered = Besvarat { $at } av { $name }.

mail-support-received-subject = Kanta-tjänsternas kundsupport: { $reference } mottaget
mail-support-received =
    Vi har tagit emot ditt meddelande om "{ $topic }". Det har beteckningen { $reference }.
    Vi svarar per e-post på vardagar. Nämn beteckningen om du kontaktar oss i samma ärende.

    Om du inte skickade något meddelande kan du lämna detta utan åtgärd.
mail-support-answered-subject = Kanta-tjänsternas kundsupport: svar { $reference }
mail-support-answered =
    Svar på ditt meddelande { $reference } ({ $topic }):

    { $answer }
