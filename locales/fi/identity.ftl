hetu-error-length = Henkilötunnuksessa on 11 merkkiä, esimerkiksi 010190-999K.
hetu-error-date = Henkilötunnuksen alussa pitää olla oikea syntymäaika muodossa ppkkvv.
hetu-error-century-sign = Henkilötunnuksen seitsemäs merkki on välimerkki: + - Y X W V U A B C D E tai F.
hetu-error-individual-number = Henkilötunnuksen välimerkin jälkeen tulee kolme numeroa.
hetu-error-check-character = Henkilötunnuksen viimeinen merkki ei täsmää. Tarkista tunnus.
ytunnus-error-format = Kirjoita Y-tunnus muodossa 1234567-8.
ytunnus-error-check-digit = Y-tunnuksen tarkistusnumero ei täsmää. Tarkista tunnus.
