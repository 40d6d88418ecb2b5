login-identification-text = Du går vidare till Suomi.fi-identifikationen. Identifiera dig med bankkoder, mobilcertifikat eller certifikatkort. Sedan kommer du tillbaka hit.
login-start = Gå till identifikationen
login-already = Du är inloggad som { $name }.
login-to-front-page = Till startsidan
logout-button = Logga ut
login-try-again = Försök igen
logged-out-heading = Du har loggat ut
logged-out-text = Din session i Kanta Extranet och i Suomi.fi-identifikationen har avslutats.
logged-out-browser = Om du använder en gemensam dator, stäng ännu webbläsaren.
login-again = Logga in igen
session-ending = Din session upphör om { $minutes ->
    [one] en minut
   *[other] { $minutes } minuter
} om du inte fortsätter.
session-continue = Fortsätt sessionen
session-ended = Din session har upphört. Logga in igen för att fortsätta.
account-heading = Mina uppgifter
account-name = Namn
account-assurance = Identifieringens tillitsnivå
account-session = Session
account-session-text = Sessionen upphör när du har varit inaktiv i { $minutes } minuter.
account-data-text = Din personbeteckning sparas inte i läsbar form i tjänsten. Under sessionen är den krypterad med en nyckel som bara din webbläsare har, så att vi kan kontrollera i registren vem du får företräda. Med hjälp av den känner vi också igen dig nästa gång du loggar in.
assurance-substantial = Väsentlig (bankkoder, mobilcertifikat)
assurance-high = Hög (certifikatkort)
