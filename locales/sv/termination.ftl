### Server-rendered pages only: these messages are not in the browser's catalogue.
# Ending services (point 6 of the agreement): the notice a person signs, the page, the mail.
termination-title = Uppsägning
termination-body = { $organisation } ({ $ytunnus }) säger upp Kanta-tjänsten { $service } enligt punkt 6 i kundavtalet. Tjänsten är i bruk till och med { $end_on }. Uppsägningen görs av { $signer } ({ $basis }).
termination-kept = Uppsägningen raderar inga uppgifter: faktureringen, ändringshistoriken och kontaktuppgifterna finns kvar. Kanta bekräftar uppsägningen och meddelar det per e-post.
notice-heading = Uppsägning av tjänsten
notice-text = Välj den sista dagen tjänsten är i bruk. Du ser uppsägningen innan du undertecknar den.
notice-end-on = Sista dag i bruk
notice-show = Visa uppsägningen
notice-sign = Underteckna och skicka uppsägningen
notice-given = { $signer } sade upp tjänsten { $at }. Tjänsten är i bruk till och med { $end_on }.
notice-signed-block = Undertecknad { $at }. Textens SHA-256: { $hash }
notice-download = Ladda ner uppsägningen (PDF)
relationship-ended = Alla tjänster har upphört, så kundrelationen har upphört. Faktureringen och ändringshistoriken finns kvar.
mail-notice-given-subject = Kanta: { $service }, uppsägningen har tagits emot
mail-notice-given = Er uppsägning har tagits emot. Tjänsten är i bruk till och med { $end_on } när Kanta har bekräftat uppsägningen. { $link }
mail-application-ending = Kanta har bekräftat uppsägningen. Tjänsten är i bruk till och med { $end_on }. { $link }
mail-application-ended = Tjänsten upphörde { $end_on }. Faktureringen och ändringshistoriken finns kvar. { $link }
mail-relationship-ended-subject = Kanta: kundrelationen har upphört
mail-relationship-ended = Er organisation har inte längre några Kanta-tjänster i bruk, så kundrelationen har upphört. Fakturorna och ändringshistoriken finns fortfarande i Kanta Extranet: { $link }
terminations-heading = Uppsägningar
terminations-none = Inga uppsägningar att bekräfta eller avsluta.
notice-last-day = sista dag i bruk { $date }
