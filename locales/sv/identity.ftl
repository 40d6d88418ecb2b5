hetu-error-length = Personbeteckningen har 11 tecken, till exempel 010190-999K.
hetu-error-date = Personbeteckningen ska börja med ett riktigt födelsedatum i formen ddmmåå.
hetu-error-century-sign = Det sjunde tecknet i personbeteckningen är ett skiljetecken: + - Y X W V U A B C D E eller F.
hetu-error-individual-number = Efter skiljetecknet i personbeteckningen kommer tre siffror.
hetu-error-check-character = Det sista tecknet i personbeteckningen stämmer inte. Kontrollera beteckningen.
ytunnus-error-format = Skriv FO-numret i formen 1234567-8.
ytunnus-error-check-digit = FO-numrets kontrollsiffra stämmer inte. Kontrollera numret.
