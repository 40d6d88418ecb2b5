### Server-rendered pages only: these messages are not in the browser's catalogue.

home-heading = Kanta-palvelut käyttöön ja tiedot ajan tasalle
home-lead = Kanta Extranet on Kanta-palvelujen asiointipalvelu sosiaali- ja terveydenhuollon organisaatioille, apteekeille ja itsenäisille ammatinharjoittajille. Palvelu ohjaa tekemään sen, mitä kussakin tilanteessa tarvitaan.
home-task-take-into-use = Ota Kanta-palveluja käyttöön liittymishakemuksella.
home-task-update = Pidä hallinnolliset yhteystiedot ja tekniset tiedot ajan tasalla.
home-task-agreements = Allekirjoita asiakkuussopimukset.
home-task-billing = Katso laskutustiedot.
home-task-material = Lue ohjeita ja kuvitettu käyttöohje käyttöönotosta ja tietojen päivittämisestä.

home-needs-heading = Mitä tarvitset
home-needs-authentication = Henkilökohtaiset verkkopankkitunnukset, mobiilivarmenne tai varmennekortti. Kirjaudut Suomi.fi-tunnistuksella.
home-needs-code-service = Organisaation OID-tunnukset ja muut yleiset tiedot ajan tasalla Kansallisen koodistopalvelun rekistereissä.
home-needs-katso = Katso-tunnisteilla ei voi enää kirjautua. Kirjautuminen muuttui Suomi.fi-tunnistukseksi 29.1.2020.

home-who-heading = Kenen puolesta asioit
home-who-private-heading = Yksityinen organisaatio
home-who-private-text = Yrityksen tai yhdistyksen vastuuhenkilö voi asioida ilman valtuutta, jos hänellä on kaupparekisterissä, yhdistysrekisterissä tai yritys- ja yhteisötietojärjestelmässä jokin näistä rooleista:
home-who-private-others = Muut henkilöt tarvitsevat Suomi.fi-valtuuden.
home-who-public-heading = Julkinen organisaatio
home-who-public-text = Julkisen organisaation ja säätiön puolesta asioidaan aina Suomi.fi-valtuudella.
home-who-self-heading = Apteekkari tai itsenäinen ammatinharjoittaja
home-who-self-text = Asioit omasta puolestasi ilman valtuutta. Voit antaa valtuuden toiselle henkilölle tai yritykselle, joka asioi puolestasi.

role-elinkeinonharjoittaja = elinkeinonharjoittaja
role-toimitusjohtaja = toimitusjohtaja
role-toimitusjohtajan-sijainen = toimitusjohtajan sijainen
role-varatoimitusjohtaja = varatoimitusjohtaja

home-mandate-heading = Suomi.fi-valtuus: Sosiaali- ja terveydenhuollon digitaalisten palvelujen käyttöönotto
home-mandate-text = Valtuutettu voi valtuuttajan puolesta
mandate-allows-take-into-use = ottaa käyttöön sosiaali- ja terveydenhuollon digitaalisia palveluja
mandate-allows-sign = allekirjoittaa asiakkuussopimuksia
mandate-allows-update = ilmoittaa ja päivittää hallinnollisia yhteystietoja ja teknisiä tietoja
mandate-allows-billing = nähdä laskutustiedot ja muun hallinnollisen sisällön.
