login-identification-text = Du går vidare till Suomi.fi-identifikationen. Identifiera dig med bankkoder, mobilcertifikat eller certifikatkort. Sedan kommer du tillbaka hit.
login-start = Gå till identifikationen
login-already = Du är inloggad som { $name }.
login-to-front-page = Till startsidan
logout-button = Logga ut
login-failed-heading = Inloggningen lyckades inte
login-failed-not-logged-in = Du är inte inloggad. Inga uppgifter om dig sparades.
login-failed-state = Inloggningsbegäran hade gått ut, var redan använd eller kom inte från den här webbläsaren. Börja inloggningen på nytt.
login-failed-cancelled = Du avbröt identifieringen.
login-failed-provider = Identifikationstjänsten godkände inte inloggningen.
login-failed-token = Svaret från identifikationstjänsten kunde inte verifieras och godkändes därför inte.
login-failed-assurance = Tillitsnivån för ditt identifieringssätt räcker inte för den här tjänsten. Identifiera dig med bankkoder, mobilcertifikat eller certifikatkort.
login-failed-foreign = Du identifierade dig med en utländsk e-legitimation (eIDAS). Kanta Extranet kräver en finländsk personbeteckning, eftersom handelsregistret och Suomi.fi-fullmakter känner igen användaren med den. Identifiera dig med finländska bankkoder, mobilcertifikat eller certifikatkort, eller kontakta kundtjänsten.
login-failed-identity = Identifikationstjänsten skickade ingen giltig personbeteckning och inget namn.
login-failed-unavailable = Vi når inte identifikationstjänsten just nu. Försök igen om en stund.
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
