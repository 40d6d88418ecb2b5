### Server-rendered pages only: these messages are not in the browser's catalogue.
# Ending services (point 6 of the agreement): the notice a person signs, the page, the mail.
termination-title = Irtisanomisilmoitus
termination-body = { $organisation } ({ $ytunnus }) irtisanoo Kanta-palvelun { $service } asiakkuussopimuksen kohdan 6 mukaisesti. Palvelu on käytössä { $end_on } asti. Ilmoituksen antaa { $signer } ({ $basis }).
termination-kept = Irtisanominen ei poista tietoja: laskutus, muutoshistoria ja yhteystiedot säilyvät. Kanta vahvistaa irtisanomisen ja ilmoittaa siitä sähköpostitse.
notice-heading = Palvelun irtisanominen
notice-text = Valitse viimeinen päivä, jona palvelu on käytössä. Näet irtisanomisilmoituksen ennen kuin allekirjoitat sen.
notice-end-on = Viimeinen käyttöpäivä
notice-show = Näytä irtisanomisilmoitus
notice-sign = Allekirjoita ja lähetä irtisanominen
notice-given = { $signer } irtisanoi palvelun { $at }. Palvelu on käytössä { $end_on } asti.
notice-signed-block = Allekirjoitettu { $at }. Tekstin SHA-256: { $hash }
notice-download = Lataa irtisanomisilmoitus (PDF)
relationship-ended = Kaikki palvelut ovat päättyneet, joten asiakkuus on päättynyt. Laskutus ja muutoshistoria säilyvät.
mail-notice-given-subject = Kanta: { $service }, irtisanomisilmoitus vastaanotettu
mail-notice-given = Irtisanomisilmoituksenne on vastaanotettu. Palvelu on käytössä { $end_on } asti, kun Kanta on vahvistanut irtisanomisen. { $link }
mail-application-ending = Kanta vahvisti irtisanomisen. Palvelu on käytössä { $end_on } asti. { $link }
mail-application-ended = Palvelu on päättynyt { $end_on }. Laskutus ja muutoshistoria säilyvät. { $link }
mail-relationship-ended-subject = Kanta: asiakkuus on päättynyt
mail-relationship-ended = Organisaatiollanne ei ole enää Kanta-palveluja käytössä, joten asiakkuus on päättynyt. Laskut ja muutoshistoria ovat yhä nähtävissä Kanta Extranetissa: { $link }
terminations-heading = Irtisanomiset
terminations-none = Ei vahvistettavia tai päätettäviä irtisanomisia.
notice-last-day = viimeinen käyttöpäivä { $date }
