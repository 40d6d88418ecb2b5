### Server-rendered pages only: these messages are not in the browser's catalogue.
## E-mail to organisations: an application's changes and reminders.

mail-application-subject = Kanta: { $service }, hakemus { $id }: { $state }
mail-application-submitted = Hakemuksenne on vastaanotettu ja se odottaa käsittelyä. Näette hakemuksen vaiheet osoitteessa { $link }
mail-application-returned = Kanta palautti hakemuksen täydennettäväksi. Kommentti: { $comment } Täydentäkää hakemusta osoitteessa { $link }
mail-application-approved = Hakemus on hyväksytty tuotantoon. Tuotantoonottopäivä: { $go_live }. { $link }
mail-application-approved-pharmacy = Hakemus on hyväksytty tuotantoon. Tuotantoonottopäivä: { $go_live }. { $link } Päivittäkää apteekin yhteyshenkilöt ja vahvistakaa tiedot ajantasaisiksi Kanta Extranetissa: { $customer_data }
mail-application-rejected = Hakemus hylättiin. Perustelu: { $comment } { $link }
mail-application-test-result = Yhteistestauksen tulos on kirjattu: { $comment } { $link }
mail-application-changed = Hakemuksen tila on nyt: { $state }. { $link }
mail-reminder-subject = Kanta: tarkistakaa asiakkuustietonne
mail-reminder-body = Kanta-palveluiden asiakkuustiedoissanne on asioita, jotka vaativat huomiota:
    { $items }
    Päivittäkää tai vahvistakaa tiedot osoitteessa { $link }
