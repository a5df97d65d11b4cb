"""Gazetteer entries for hand-made incident Documents (tests/incident_docs.py builds the Documents)."""
from gazetteer.place import Place

SYRIA = Place("Syria", 35.0, 38.0, "country", "SY", "سوريا", geonameid=163843)
IRAQ = Place("Iraq", 33.0, 44.0, "country", "IQ", "العراق", geonameid=99237)
ERBIL = Place("Erbil", 36.19, 44.01, "populated_place", "IQ", "أربيل", admin1="Erbil", geonameid=95446)
SULAIMANI = Place("Sulaymaniyah", 35.56, 45.43, "populated_place", "IQ", "السليمانية", admin1="Sulaymaniyah",
                  geonameid=98463)
BEIRUT = Place("Beirut", 33.89, 35.5, "populated_place", "LB", "بيروت", admin1="Beyrouth", geonameid=276781)
DUHOK = Place("Dihok", 36.87, 42.99, "populated_place", "IQ", "دهوك", admin1="Duhok", geonameid=96994)
DUHOK_GOV = Place("Duhok", 37.09, 43.23, "admin1", "IQ", "محافظة دهوك", admin1="Duhok", geonameid=97270)
AMADIYA = Place("Al ‘Amādīyah", 37.09, 43.49, "populated_place", "IQ", "العمادية", admin1="Duhok", geonameid=99611)
KANI_MASI = Place("Kānī Māsī", 37.23, 43.44, "populated_place", "IQ", "كاني ماسي", admin1="Duhok", geonameid=94911)
BATIFA = Place("Batifa", 37.17, 43.01, "populated_place", "IQ", "باتيفا", admin1="Duhok", geonameid=97825)
ZAKHO = Place("Zaxo", 37.15, 42.69, "populated_place", "IQ", "زاخو", admin1="Duhok", geonameid=89570)
SINJAR = Place("Sinjār", 36.32, 41.88, "populated_place", "IQ", "سنجار", admin1="Nineveh", geonameid=448149)
MOSUL = Place("Mosul", 36.34, 43.13, "populated_place", "IQ", "الموصل", admin1="Nineveh", geonameid=99072)
HAWIJA = Place("Al Ḩawījah", 35.33, 43.77, "populated_place", "IQ", "الحويجة", admin1="Kirkuk", geonameid=390188)
DEIR = Place("Deir ez-Zor", 35.34, 40.14, "populated_place", "SY", "دير الزور", admin1="Deir ez-Zor",
             geonameid=170794)
DEIR_GOV = Place("Deir ez-Zor", 35.07, 40.28, "admin1", "SY", "محافظة دير الزور", admin1="Deir ez-Zor",
                 geonameid=170792)
MAYADIN = Place("Al Mayādīn", 35.02, 40.45, "populated_place", "SY", "الميادين", admin1="Deir ez-Zor",
                geonameid=173480)
ABU_KAMAL = Place("Ālbū Kamāl", 34.45, 40.92, "populated_place", "SY", "البوكمال", admin1="Deir ez-Zor",
                  geonameid=174448)
HAJIN = Place("Hajīn", 34.70, 40.83, "populated_place", "SY", "هجين", admin1="Deir ez-Zor", geonameid=174506)
DHIBAN = Place("Dhībān", 35.02, 40.51, "populated_place", "SY", "ذيبان", admin1="Deir ez-Zor", geonameid=170691)
BUSAYRAH = Place("Al Buşayrah", 35.16, 40.43, "populated_place", "SY", "البصيرة", admin1="Deir ez-Zor",
                 geonameid=173927)
SUSAH = Place("As Sūsah", 34.53, 40.96, "populated_place", "SY", "السوسة", admin1="Deir ez-Zor", geonameid=172415)
QUNEITRA = Place("Al Qunayţirah", 33.13, 35.82, "populated_place", "SY", "القنيطرة", admin1="Quneitra",
                 geonameid=173334)
KHAN_ARNABAH = Place("Khān Arnabah", 33.18, 35.89, "populated_place", "SY", "خان أرنبة", admin1="Quneitra",
                     geonameid=168355)
JERUSALEM = Place("Jerusalem", 31.77, 35.22, "populated_place", "IL", "القدس", geonameid=281184)
PALMYRA = Place("Tadmur", 34.56, 38.28, "populated_place", "SY", "تدمر", admin1="Homs", geonameid=163808)
SUKHNAH = Place("As Sukhnah", 34.89, 38.87, "populated_place", "SY", "السخنة", admin1="Homs", geonameid=172425)
BADIA = Place("Syrian Badia", 34.5, 38.5, "region", "SY", "البادية")
IDLIB = Place("Idlib", 35.93, 36.63, "populated_place", "SY", "إدلب", admin1="Idlib", geonameid=169389)
IDLIB_GOV = Place("Idlib", 35.85, 36.68, "admin1", "SY", "محافظة إدلب", admin1="Idlib", geonameid=169387)
SARMIN = Place("Sarmīn", 35.90, 36.73, "populated_place", "SY", "سرمين", admin1="Idlib", geonameid=164782)
BINNISH = Place("Binnish", 35.96, 36.71, "populated_place", "SY", "بنش", admin1="Idlib", geonameid=171451)
TAFTANAZ = Place("Taftanāz", 36.00, 36.79, "populated_place", "SY", "تفتناز", admin1="Idlib", geonameid=163799)
SARAQIB = Place("Saraqib", 35.86, 36.81, "populated_place", "SY", "سراقب", admin1="Idlib", geonameid=164816)
MANBIJ = Place("Manbij", 36.53, 37.95, "populated_place", "SY", "منبج", admin1="Aleppo", geonameid=167357)
AZAZ = Place("I‘zāz", 36.59, 37.05, "populated_place", "SY", "أعزاز", admin1="Aleppo", geonameid=172082)
ATARIB = Place("Al Atārib", 36.14, 36.83, "populated_place", "SY", "الأتارب", admin1="Aleppo", geonameid=174030)
DARAA = Place("Dar‘ā", 32.62, 36.10, "populated_place", "SY", "درعا", admin1="Daraa", geonameid=170592)
JASIM = Place("Jāsim", 32.99, 36.06, "populated_place", "SY", "جاسم", admin1="Daraa", geonameid=165997)
HOMS = Place("Homs", 34.73, 36.71, "populated_place", "SY", "حمص", admin1="Homs", geonameid=169577)
TAL_TAMR = Place("Tall Tamr", 36.66, 40.37, "populated_place", "SY", "تل تمر", admin1="Al-Hasakah", geonameid=163434)
GAZA = Place("Gaza Strip", 31.4, 34.4, "region", "PS", "غزة")
KARAMAH = Place("Al Karāmah", 32.7, 36.6, "populated_place", "SY", "الكرامة")
SUWAYDA = Place("As-Suwayda", 32.71, 36.57, "populated_place", "SY", "السويداء", admin1="As-Suwayda",
                geonameid=172408)
BASRA = Place("Basrah", 30.51, 47.78, "populated_place", "IQ", "البصرة", admin1="Basra", geonameid=99532)
AIN_ASAD = Place("Ain al-Asad Air Base", 33.79, 42.44, "facility", "IQ", "عين الأسد", admin1="Al Anbar")
RABIA = Place("Rabia border crossing", 36.81, 42.08, "crossing", "IQ", "معبر ربيعة", admin1="Nineveh")
WHITE_HOUSE = Place("White House", 36.47, -86.65, "populated_place", "US", geonameid=4667282)
DUMA = Place("Dūmā", 33.57, 36.40, "populated_place", "SY", "دوما", admin1="Rif Dimashq", geonameid=170592)
BUSH = Place("Būsh", 29.15, 31.13, "populated_place", "EG", geonameid=358600)
KURDISTAN = Place("Kurdistan", 35.58, 46.86, "admin1", "IR", geonameid=126584)
