### Server-rendered pages only: these messages are not in the browser's catalogue.
# Joint joining (yhteisliittyminen): the main joiner's co-joiners, and a co-joiner's acceptance.
joint-heading = Yhteisliittyjät
joint-text = Yhteisliittymisessä päätoimija tuo mukaan yhteisliittyjiä, jotka käyttävät sen liityntäpistettä ja tietojärjestelmää. Nimeä yhteisliittyjät Y-tunnuksella. Jokaisen yhteisliittyjän oma asioija hyväksyy ja allekirjoittaa liittymisen organisaationsa puolesta; hakemuksen voi lähettää, kun kaikki ovat allekirjoittaneet.
joint-none = Ei yhteisliittyjiä.
joint-ytunnus = Yhteisliittyjän Y-tunnus
joint-add = Lisää yhteisliittyjä
joint-remove = Poista
joint-waiting = odottaa allekirjoitusta
joint-signed-by = allekirjoittanut { $signer } { $at }
joint-memberships-heading = Yhteisliittymiset, joissa olette mukana
joint-read-and-sign = Lue ja allekirjoita hyväksyntä
joint-main = Päätoimija
joint-connection-point = Liityntäpiste
joint-connection-point-of = Päätoimijan { $main } liityntäpiste (OID { $oid })
joint-systems = Tietojärjestelmä
joint-systems-none = Päätoimija ei ole vielä ilmoittanut tietojärjestelmää.
joint-acceptance-heading = Yhteisliittymisen hyväksyntä
joint-facts-heading = Mitä käytätte ja kenen kautta
joint-sign-heading = Hyväksyntä
joint-sign = Allekirjoita hyväksyntä
joint-not-permitted = Perusteenne asioida organisaation puolesta ei riitä allekirjoittamiseen. Hyväksynnän allekirjoittaa henkilö, jolla on nimenkirjoitusoikeus tai valtuus allekirjoittaa sopimuksia.
joint-notice-warning = Tällä hakemuksella on yhteisliittyjiä ({ $names }). Irtisanominen päättää palvelun myös niiltä, koska ne käyttävät teidän liityntäpistettänne ja tietojärjestelmäänne.

## The acceptance a co-joiner signs
joint-acceptance-title = Yhteisliittymisen hyväksyntä
joint-acceptance-body = { $organisation } ({ $ytunnus }) liittyy Kanta-palveluun { $service } yhteisliittyjänä päätoimijan { $main } ({ $main_ytunnus }) kanssa ja käyttää päätoimijan liityntäpistettä ja tietojärjestelmää. Hyväksynnän antaa { $signer } ({ $basis }).
joint-acceptance-responsibility = { $organisation } hyväksyy Kanta-palvelujen yleiset toimitusehdot, versio { $terms }, ja vastaa rekisterinpitäjänä omista tiedoistaan. Päätoimija ei voi allekirjoittaa yhteisliittyjän puolesta.
