#!/usr/bin/env python3
"""Deterministic generator of a benchmark site, written twice: for pjece and for Hugo.

    python3 bench/gen.py N OUTDIR [--seed 1]

writes OUTDIR/pjece (site.yaml, content/, static/) and OUTDIR/hugo (hugo.toml, content/,
layouts/, static/, data/) with the same N leaflets, 12 problems, 15 categories, 41 kinds of
technology and two free pages. The Markdown bodies are byte-identical in both; only the front
matter differs where the tools need it (Hugo keeps problems and technologies as taxonomies whose
term pages hold the same text). Same N and seed -> byte-identical files. Python 3 stdlib only.
"""

import argparse
import datetime
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------------------------
# Fixed vocabulary (plain Danish, no brand names)
# --------------------------------------------------------------------------------------------

CATEGORIES = [
    ("hygiejne", "Hygiejneteknologi", "Hjælp til bad, toilet og personlig pleje."),
    ("spise", "Spise- og måltidsteknologi", "Hjælp til at spise og drikke selv."),
    ("sanse", "Sanseteknologi", "Lys, lyd og dyner, der kan give ro og søvn."),
    ("telemedicin", "Telemedicin", "Målinger derhjemme, som sundhedspersonalet følger med i."),
    ("sociale", "Sociale teknologier", "Teknik, der hjælper dig med at holde kontakt."),
    ("rengoering", "Rengørings- og serviceteknologi", "Robotter og maskiner, der tager noget af slidet."),
    ("patientuddannelse", "Digital patientuddannelse", "Kurser og videoer om at leve med en sygdom."),
    ("skaermbesoeg", "Skærmbesøg", "Besøg fra kommunen på en skærm."),
    ("tryghed", "Tryghedsskabende teknologi", "Nødkald, alarmer og sensorer, der giver tryghed."),
    ("seng", "Sengeteknologi", "Senge og lagner, der gør det lettere at ligge og vende sig."),
    ("traening", "Træningsteknologi", "Teknik, der hjælper dig med at træne og holde dig i gang."),
    ("medicin", "Medicinhåndtering", "Hjælp til at tage den rigtige medicin til tiden."),
    ("selvmonitorering", "Selvmonitorering og motivation", "Ure og apps, der viser, hvor meget du bevæger dig."),
    ("struktur", "Struktur og planlægning", "Ure, tavler og påmindelser, der giver overblik over dagen."),
    ("mobilitet", "Mobilitetsteknologi", "Hjælp til at gå, stå op og komme rundt."),
]

# slug, title, summary, order, what is hard (infinitive phrases), things to do yourself
PROBLEMS = [
    ("huske", "Svært ved at huske", "Du glemmer aftaler eller hvor du har lagt dine ting.", 1,
     ["huske aftaler", "finde dine nøgler", "huske datoen", "huske navne", "holde styr på ting"],
     ["Skriv aftaler i en kalender.", "Læg nøgler i en fast skål.", "Sæt sedler op ved døren.",
      "Bed en ven om at ringe til dig.", "Hav en liste på køleskabet."]),
    ("struktur", "Svært ved at få struktur på dagen", "Dagen flyder, og det er svært at vide, hvad der skal ske.", 2,
     ["planlægge dagen", "vide hvad klokken er", "komme op om morgenen", "holde en fast rytme"],
     ["Stå op på samme tid hver dag.", "Lav en plan for ugen.", "Hæng planen op i køkkenet.",
      "Sæt kryds, når noget er gjort.", "Spis på faste tider."]),
    ("mobilitet", "Svært ved at komme rundt", "Det er svært at gå, stå op eller komme ud.", 3,
     ["gå en tur", "stå op fra stolen", "komme ud af huset", "gå på trapper"],
     ["Gå en kort tur hver dag.", "Fjern tæpper, du kan falde over.", "Sæt et håndtag op ved døren.",
      "Sid ned, når du tager sko på.", "Tag en pause, når du er træt."]),
    ("tryghed", "Svært ved at føle dig tryg", "Du er bange for at falde eller for at være alene.", 4,
     ["føle dig tryg", "få hjælp om natten", "være alene hjemme", "ringe efter hjælp"],
     ["Hav altid en telefon tæt på.", "Sæt lys op på gangen.", "Aftal en fast tid at ringe.",
      "Giv en nabo en ekstra nøgle.", "Lær, hvem du kan ringe til."]),
    ("hygiejne", "Svært ved bad og toilet", "Det er svært at gå i bad eller klare toilettet selv.", 5,
     ["gå i bad", "klare toilettet", "tage tøj på", "vaske hår"],
     ["Læg en skridsikker måtte i badet.", "Sid ned, når du vasker dig.", "Læg tøjet frem om aftenen.",
      "Brug tøj med store knapper.", "Tag god tid i badet."]),
    ("medicin", "Svært ved at tage medicin til tiden", "Du glemmer din medicin eller tager den forkert.", 6,
     ["tage medicin til tiden", "huske dine piller", "holde styr på medicinen"],
     ["Tag pillerne på samme tid hver dag.", "Læg pillerne ved kaffen.", "Skriv en liste over din medicin.",
      "Spørg lægen, hvis du er i tvivl.", "Tag listen med til lægen."]),
    ("kontakt", "Svært ved at holde kontakt", "Du ser sjældent familie og venner og føler dig alene.", 7,
     ["holde kontakt", "se familien", "tale med venner", "møde nye mennesker"],
     ["Aftal en fast dag at ringe.", "Skriv et kort til en ven.", "Gå med i en klub.",
      "Inviter en nabo på kaffe.", "Spørg på biblioteket om hjælp."]),
    ("soevn", "Svært ved at sove", "Du sover dårligt, vågner tit eller er træt om dagen.", 8,
     ["sove om natten", "falde i søvn", "sove igennem", "falde til ro"],
     ["Gå i seng på samme tid.", "Sluk skærmen en time før.", "Hold soveværelset køligt.",
      "Drik ikke kaffe om aftenen.", "Gå en tur i dagslys."]),
    ("spise", "Svært ved at spise og drikke", "Det er svært at spise selv eller at huske at drikke.", 9,
     ["spise selv", "drikke nok vand", "lave mad", "holde koppen"],
     ["Hav en flaske vand fremme.", "Spis små måltider tit.", "Brug en kop med to hanke.",
      "Spis sammen med andre.", "Lav mad til flere dage."]),
    ("traening", "Svært ved at holde dig i gang", "Du bevæger dig mindre, end du gerne vil.", 10,
     ["træne", "holde dig i gang", "bevæge dig hver dag", "få mere styrke"],
     ["Gå en tur efter maden.", "Rejs dig fra stolen ti gange.", "Træn sammen med en ven.",
      "Skriv dine ture ned.", "Start stille og roligt."]),
    ("hjemmet", "Svært ved at klare det praktiske hjemme", "Rengøring, tøjvask og indkøb tager mange kræfter.", 11,
     ["gøre rent", "vaske tøj", "handle ind", "åbne døren"],
     ["Gør lidt rent hver dag.", "Bed om hjælp til det tunge.", "Handle ind på nettet.",
      "Sæt ting, du bruger tit, i øjenhøjde.", "Brug en vogn til at bære ting."]),
    ("sundhed", "Svært ved at leve med en sygdom", "Du har en sygdom og vil gerne vide mere om den.", 12,
     ["leve med din sygdom", "måle dit blodtryk", "forstå din sygdom", "tale med lægen"],
     ["Skriv dine spørgsmål ned.", "Tag en pårørende med til lægen.", "Lær om din sygdom.",
      "Mål dit blodtryk på samme tid.", "Sig til, hvis du får det værre."]),
]

# slug, title, category, problems, how_to_get, price_band, requires, consent, examples, what it does
TECHNOLOGIES = [
    ("kalenderur", "Kalenderur med dag og tid", "struktur", ["huske", "struktur"], ["buy"], "medium", ["power"], False,
     ["ur med ugedag og dato", "ur der viser morgen og aften"], "viser dag, dato og tid med store tal"),
    ("dagsplan-tavle", "Dagsplan og ugetavle", "struktur", ["struktur", "huske"], ["buy"], "low", [], False,
     ["tavle med ugedage", "kort med billeder"], "giver overblik over dagen og ugen"),
    ("talende-ur", "Talende ur", "sanse", ["struktur", "huske"], ["buy", "municipality"], "low", ["power"], False,
     ["ur der siger tiden højt", "ur med store tal"], "siger tiden højt, når du trykker på en knap"),
    ("paamindelser", "Påmindelser på mobilen", "struktur", ["huske", "medicin", "struktur"], ["buy"], "low", ["smartphone"], False,
     ["alarm i mobilens kalender", "besked på tabletten"], "minder dig om aftaler med en lyd"),
    ("noeglefinder", "Nøglefinder", "struktur", ["huske"], ["buy"], "low", ["power"], False,
     ["lille brik på nøglen", "knap der får brikken til at bippe"], "bipper, så du kan finde dine nøgler"),
    ("stemmestyring", "Stemmestyret højttaler", "struktur", ["huske", "kontakt", "hjemmet"], ["buy"], "low", ["power", "wifi"], False,
     ["højttaler der svarer", "lampe du tænder med stemmen"], "gør ting, når du siger det højt"),
    ("pilleaeske", "Pilleæske med ugedage", "medicin", ["medicin"], ["buy"], "low", [], False,
     ["æske med rum til hver dag", "æske med morgen og aften"], "har et rum til hver dag i ugen"),
    ("medicindispenser", "Elektronisk medicindispenser", "medicin", ["medicin", "huske"], ["care"], "high", ["power"], False,
     ["boks der giver pillerne ud", "boks der siger til med en lyd"], "giver dig pillerne til tiden"),
    ("medicin-app", "App med din medicinliste", "medicin", ["medicin"], ["buy"], "low", ["smartphone"], False,
     ["liste over din medicin", "besked når du skal tage den"], "viser din medicin på mobilen"),
    ("noedkald", "Nødkald", "tryghed", ["tryghed"], ["care"], "medium", ["power"], False,
     ["knap om halsen", "knap på håndleddet"], "giver dig kontakt til en, der kan hjælpe"),
    ("faldalarm", "Faldalarm", "tryghed", ["tryghed", "mobilitet"], ["care", "municipality"], "medium", ["power"], True,
     ["ur der mærker et fald", "føler i gulvet"], "sender en besked, hvis du falder"),
    ("gps-tracker", "GPS-tracker", "tryghed", ["tryghed", "huske", "mobilitet"], ["buy", "municipality"], "medium",
     ["power", "subscription", "smartphone"], True, ["lille dims i lommen", "ur med GPS"], "viser, hvor en person er"),
    ("sensorer", "Sensorer i hjemmet", "tryghed", ["tryghed", "soevn"], ["care"], "high", ["power", "installation"], True,
     ["føler ved sengen", "føler ved døren"], "mærker, om du står op og ikke kommer tilbage"),
    ("komfurvagt", "Komfurvagt", "tryghed", ["tryghed", "hjemmet"], ["municipality", "buy"], "medium", ["power", "installation"], False,
     ["boks der slukker komfuret", "alarm over komfuret"], "slukker komfuret, hvis du glemmer det"),
    ("doerlaas", "Elektronisk lås til døren", "tryghed", ["tryghed", "hjemmet"], ["care"], "medium", ["power", "installation"], False,
     ["lås med kode", "lås hjemmeplejen kan åbne"], "lader hjemmeplejen komme ind uden nøgle"),
    ("doegnrytmelys", "Lys der følger døgnet", "sanse", ["soevn", "struktur"], ["buy"], "medium", ["power"], False,
     ["pære der skifter farve", "lampe med varmt lys"], "er klart om dagen og varmt om aftenen"),
    ("kugledyne", "Kugledyne", "sanse", ["soevn", "tryghed"], ["municipality"], "high", [], False,
     ["dyne med små kugler", "tung dyne"], "ligger tungt og kan give ro"),
    ("lydpude", "Pude med rolig lyd", "sanse", ["soevn"], ["buy"], "low", ["power"], False,
     ["pude med højttaler", "lyd af regn og hav"], "spiller rolige lyde, når du skal sove"),
    ("plejeseng", "Seng med el-motor", "seng", ["soevn", "mobilitet"], ["municipality"], "high", ["power"], False,
     ["seng der kan hæves", "seng med knap"], "kan hæve hovedet og benene med en knap"),
    ("vendelagen", "Lagen der gør det let at vende sig", "seng", ["soevn", "mobilitet"], ["municipality"], "medium", [], False,
     ["glat lagen", "lagen med håndtag"], "gør det let at vende sig i sengen"),
    ("rollator", "Rollator", "mobilitet", ["mobilitet"], ["municipality", "buy"], "medium", [], False,
     ["rollator til inde", "rollator til ture ude"], "giver støtte, når du går"),
    ("el-scooter", "El-scooter", "mobilitet", ["mobilitet"], ["municipality"], "high", ["power"], False,
     ["scooter med tre hjul", "scooter med kurv"], "kører dig til butikken og hjem igen"),
    ("doeraabner", "Automatisk døråbner", "mobilitet", ["mobilitet", "hjemmet"], ["municipality"], "high", ["power", "installation"], False,
     ["motor på døren", "knap på væggen"], "åbner døren, når du trykker på en knap"),
    ("gribetang", "Gribetang", "mobilitet", ["hjemmet", "mobilitet"], ["buy"], "low", [], False,
     ["lang tang med greb", "tang med magnet"], "samler ting op fra gulvet"),
    ("vasketoilet", "Toilet med skyl og tør", "hygiejne", ["hygiejne"], ["municipality"], "high", ["power", "installation"], False,
     ["sæde med vand og luft", "toilet med knap"], "vasker og tørrer dig efter toilettet"),
    ("badestol", "Stol til badet", "hygiejne", ["hygiejne", "mobilitet"], ["buy", "municipality"], "low", [], False,
     ["stol med ryg", "bænk til badekarret"], "lader dig sidde ned, mens du vasker dig"),
    ("smaa-hjaelpemidler", "Små hjælpemidler til bad og tøj", "hygiejne", ["hygiejne"], ["buy"], "low", [], False,
     ["strømpepåtager", "svamp med langt skaft"], "gør det let at tage tøj på og vaske ryggen"),
    ("spiserobot", "Spiserobot", "spise", ["spise"], ["municipality"], "high", ["power"], False,
     ["robotarm med ske", "tallerken der drejer"], "fører maden op til munden"),
    ("bestik", "Bestik der er let at holde", "spise", ["spise"], ["buy"], "low", [], False,
     ["gaffel med tykt skaft", "tallerken med kant"], "er let at holde, selv med ømme hænder"),
    ("drikkedunk", "Drikkedunk med påmindelse", "spise", ["spise", "sundhed"], ["buy"], "low", ["power"], False,
     ["flaske med lys", "kop der siger til"], "lyser, når det er tid til at drikke"),
    ("robotstoevsuger", "Robotstøvsuger", "rengoering", ["hjemmet"], ["buy"], "medium", ["power"], False,
     ["lille robot til gulvet", "robot med tidsplan"], "suger gulvet, mens du laver andet"),
    ("gulvvasker", "Robot der vasker gulv", "rengoering", ["hjemmet"], ["buy"], "medium", ["power", "wifi"], False,
     ["robot med klud", "robot med vand"], "vasker gulvet af sig selv"),
    ("videoopkald", "Videoopkald på tablet", "sociale", ["kontakt"], ["buy"], "medium", ["power", "wifi"], False,
     ["tablet med stort billede", "skærm der tænder selv"], "lader dig se familien, når I taler"),
    ("enkel-telefon", "Telefon med store taster", "sociale", ["kontakt"], ["buy"], "low", ["power"], False,
     ["telefon med billeder på tasterne", "telefon med høj lyd"], "er let at ringe fra"),
    ("skaermbesoeg", "Skærmbesøg fra kommunen", "skaermbesoeg", ["kontakt", "medicin", "sundhed"], ["care"], "low", ["power", "wifi"], False,
     ["besøg på tablet", "besøg på fjernsynet"], "lader hjemmeplejen besøge dig på en skærm"),
    ("hjemmemaaling", "Mål blodtryk derhjemme", "telemedicin", ["sundhed"], ["healthcare"], "medium", ["power"], False,
     ["måler til armen", "vægt der sender tal"], "sender dine tal til sygeplejersken"),
    ("sygdomskursus", "Kurser om din sygdom på nettet", "patientuddannelse", ["sundhed"], ["healthcare"], "low", ["wifi"], False,
     ["korte film", "møder på skærmen"], "lærer dig om din sygdom hjemme"),
    ("skridttaeller", "Skridttæller", "selvmonitorering", ["traening", "sundhed"], ["buy"], "low", ["power"], False,
     ["ur der tæller skridt", "lille clips til bukserne"], "tæller, hvor mange skridt du går"),
    ("pedaltraener", "Pedaltræner til stolen", "traening", ["traening", "mobilitet"], ["buy", "municipality"], "low", [], False,
     ["pedaler på gulvet", "pedaler med motor"], "lader dig træne benene, mens du sidder"),
    ("traening-paa-skaerm", "Træning med video", "traening", ["traening"], ["buy"], "low", ["wifi"], False,
     ["korte film med øvelser", "træning med en instruktør på skærmen"], "viser dig øvelser, du kan gøre hjemme"),
    ("maalevaegt", "Vægt der sender målinger", "telemedicin", ["sundhed", "spise"], ["healthcare"], "medium", ["power", "wifi"], False,
     ["vægt med skærm", "vægt der sender tal"], "sender din vægt til sygeplejersken"),
]

WHO = ["hjemmeplejen", "din læge", "kommunen", "en pårørende", "din kontaktperson", "en ven",
       "sygeplejersken", "hjælpemiddelteamet", "en nabo", "din familie"]
SUBJ = ["Du", "Mange", "Din pårørende", "En ven", "Familien", "De fleste", "Nogle"]
ADV = ["hver dag", "om morgenen", "om aftenen", "i køkkenet", "i stuen", "når du er alene",
       "i dit eget tempo", "sammen med en ven", "en gang om ugen", "når det passer dig",
       "før du går i seng", "efter maden", "i weekenden", "hjemme"]
SHORT = ["Mange har det sådan.", "Det er helt normalt.", "Du er ikke alene.", "Tag det roligt.",
         "Det tager tid.", "Små ting hjælper.", "Prøv dig frem.", "Det er dit valg.",
         "Spørg, hvis du er i tvivl.", "Det kan godt lade sig gøre."]
FEEL = ["usikker", "træt", "bange", "urolig", "trist", "sur", "glad", "tryg"]
OBJ = ["en fast rutine", "en lille seddel", "en liste på køleskabet", "en tavle i køkkenet",
       "en god stol", "en lampe ved sengen", "en telefon tæt på", "hjælp fra en ven",
       "en plan for ugen", "et stort ur", "en kort pause", "en tur i haven"]
PRICE = {"low": "Lav", "medium": "Mellem", "high": "Høj"}
REQUIRES = {"power": "strøm", "wifi": "internet", "smartphone": "smartphone",
            "subscription": "abonnement", "installation": "opsætning"}
HOW = {"buy": "Du kan selv købe det i almindelige butikker.",
       "municipality": "Du kan søge kommunen om det. Søg før du køber.",
       "care": "Du kan få det gennem hjemmeplejen.",
       "healthcare": "Du får det gennem lægen eller sygehuset."}
TITLE_END = ["i hverdagen", "derhjemme", "om morgenen", "når du bor alene", "for pårørende",
             "efter en sygdom", "med lidt hjælp", "trin for trin", "hver dag", "om aftenen"]
TITLE_START = ["Hjælp til at", "Gode råd til at", "Sådan kan du", "Lettere at", "Tips til at"]
IMAGES = [("ur.svg", "Et ur der viser ugedag og tid"), ("hus.svg", "Et hus med lys i vinduerne"),
          ("hjerte.svg", "Et hjerte i en hånd"), ("telefon.svg", "En telefon med store taster")]


def slugify(text):
    t = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    t = re.sub(r"[^a-z0-9]+", "-", t)
    return t.strip("-")


def cap(s):
    return s[:1].upper() + s[1:]


class Writer:
    """Makes sentences from the fixed vocabulary with one seeded random source."""

    def __init__(self, rng):
        self.r = rng

    def sentence(self, p):
        r = self.r
        act = r.choice(p[4])
        k = r.randrange(11)
        if k == 0:
            return f"Det kan være svært at {act} {r.choice(ADV)}."
        if k == 1:
            return f"{r.choice(SUBJ)} kan bruge {r.choice(OBJ)} {r.choice(ADV)}."
        if k == 2:
            return f"Tal med {r.choice(WHO)} om, hvordan du kan {act}."
        if k == 3:
            return f"Du bestemmer selv, om du vil have hjælp til at {act}."
        if k == 4:
            return f"Det er en god idé at {act} {r.choice(ADV)}."
        if k == 5:
            return f"Mange bliver {r.choice(FEEL)}, når de ikke kan {act}."
        if k == 6:
            return f"{cap(r.choice(OBJ))} kan gøre det lettere at {act}."
        if k == 7:
            return f"Spørg {r.choice(WHO)}, hvis du har brug for hjælp."
        if k == 8:
            return f"{cap(r.choice(ADV))} kan du bede {r.choice(WHO)} om hjælp."
        if k == 9:
            return f"Husk at du selv kan sige nej."
        return r.choice(SHORT)

    def paragraph(self, p, n):
        return " ".join(self.sentence(p) for _ in range(n))


# --------------------------------------------------------------------------------------------
# The model: who links what
# --------------------------------------------------------------------------------------------

def make_leaflets(n, rng):
    by_problem = {p[0]: [t for t in TECHNOLOGIES if p[0] in t[3]] for p in PROBLEMS}
    leaflets = []
    start = datetime.date(2026, 6, 1)
    span = (datetime.date(2026, 11, 25) - start).days
    for i in range(n):
        p = rng.choice(PROBLEMS)
        probs = [p]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            q = rng.choice(PROBLEMS)
            if q not in probs:
                probs.append(q)
        act = rng.choice(p[4])
        title = cap(f"{rng.choice(TITLE_START)} {act} {rng.choice(TITLE_END)}")
        slug = f"{slugify(title)}-{i + 1}"
        cands = by_problem[p[0]]
        techs = rng.sample(cands, min(len(cands), rng.choice([2, 2, 3])))
        if rng.random() < 0.3:
            extra = rng.choice(TECHNOLOGIES)
            if extra not in techs:
                techs.append(extra)
        audience = [a for a in ("citizen", "relative", "staff") if rng.random() < 0.5] or ["citizen"]
        reviewed = start + datetime.timedelta(days=rng.randrange(span + 1))
        leaflets.append({"slug": slug, "title": title, "problems": probs, "techs": techs,
                         "audience": audience, "reviewed": reviewed.isoformat(),
                         "summary": f"Råd og teknologi til dig, der synes, det er svært at {act}."})
    return leaflets


def leaflet_body(i, leaf, leaflets, w, rng):
    p = leaf["problems"][0]
    out = []
    out.append(w.paragraph(p, 5))
    out.append("")
    out.append("## Det kan du selv gøre")
    out.append("")
    for item in rng.sample(p[5], 4):
        out.append(f"- {item}")
    out.append(f"- {w.sentence(p)}")
    out.append("")
    out.append(w.paragraph(p, 3))
    out.append("")
    out.append("## Teknologi der kan hjælpe")
    out.append("")
    out.append(w.paragraph(p, 2))
    out.append("")
    for t in leaf["techs"]:
        out.append(f"- [{t[1]}](../technologies/{t[0]}.md): Den {t[9]}. {w.sentence(p)}")
    out.append("")
    t0 = leaf["techs"][0]
    out.append("### Sådan virker det")
    out.append("")
    out.append(f"**{t0[1]}** {t0[9]}. {w.paragraph(p, 3)}")
    out.append("")
    img, alt = IMAGES[i % len(IMAGES)]
    out.append(f"![{alt}](/img/{img})")
    out.append("")
    out.append("### Sammenlign")
    out.append("")
    out.append("| Teknologi | Pris | Det kræver |")
    out.append("|---|---|---|")
    for t in leaf["techs"]:
        req = ", ".join(REQUIRES[x] for x in t[6]) or "intet"
        out.append(f"| {t[1]} | {PRICE[t[5]]} | {req} |")
    out.append("")
    out.append("## Godt at vide")
    out.append("")
    out.append(w.paragraph(p, 4))
    out.append("")
    if any(t[7] for t in leaf["techs"]):
        out.append("**Samtykke:** Du bestemmer selv, om du vil bruge teknologi, der holder øje med dig. "
                   "Du kan sige nej. Du kan også sige ja nu og nej senere. "
                   "Spørg, hvem der kan se dine data.")
        out.append("")
    out.append("## Sådan får du det")
    out.append("")
    hows = []
    for t in leaf["techs"]:
        for h in t[4]:
            if HOW[h] not in hows:
                hows.append(HOW[h])
    out.append(" ".join(hows[:2]) + " " + w.paragraph(p, 2))
    out.append("")
    others = [j for j in (rng.randrange(len(leaflets)) for _ in range(2)) if j != i]
    if others:
        out.append(" ".join(f"Læs også [{leaflets[j]['title']}]({leaflets[j]['slug']}.md)." for j in others))
        out.append("")
    return "\n".join(out)


def tech_body(t, w):
    p = next(x for x in PROBLEMS if x[0] == t[3][0])
    out = ["## Hvad er det?", "", f"{t[1]} {t[9]}. {w.paragraph(p, 4)}", "",
           "## Hvad kan det ikke?", "", w.paragraph(p, 4), ""]
    if t[7]:
        out += ["## Samtykke og privatliv", "",
                "Du skal selv sige ja. Du kan sige nej. Aftal, hvem der må se dine data.", ""]
    out += ["## Sådan får du det", "", " ".join(HOW[h] for h in t[4]) + " Kommunen anbefaler ikke bestemte mærker.", ""]
    return "\n".join(out)


def problem_body(p, w):
    return "\n".join([w.paragraph(p, 4), "", "## Start med det enkle", "",
                      *[f"- {x}" for x in p[5]], "", "## Teknik kan hjælpe", "", w.paragraph(p, 3), ""])


PAGES = [
    ("om", "Om siden", "Hvad siden er, og hvem der skriver den.",
     "Denne side handler om hverdagsteknologi. Det er ting og teknik, der kan gøre hverdagen lettere.\n\n"
     "## Ingen reklame\n\nKommunen anbefaler ikke bestemte mærker, produkter eller butikker.\n\n"
     "## Giv os besked\n\nEr der noget, der er svært at forstå? Så vil vi gerne høre fra dig.\n"),
    ("tilgaengelighed", "Tilgængelighedserklæring", "Hvordan siden lever op til reglerne om tilgængelighed.",
     "Vi vil gerne have, at alle kan bruge siden.\n\n## Kendte fejl\n\nVi kender ikke til fejl lige nu.\n\n"
     "## Giv os besked\n\nSkriv til os, hvis noget ikke virker for dig.\n"),
]


def svg(label):
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">'
            f'<title>{label}</title><circle cx="32" cy="32" r="28" fill="none" stroke="#1a4f8b" stroke-width="4"/>'
            '<path d="M32 14v18l12 8" stroke="#1a4f8b" stroke-width="4" fill="none"/></svg>\n')


def ylist(xs):
    return "[" + ", ".join(xs) + "]"


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def fm(pairs):
    lines = ["---"]
    for k, v in pairs:
        if v is None:
            continue
        if isinstance(v, list):
            lines.append(f"{k}: {ylist(v)}")
        elif isinstance(v, bool):
            lines.append(f"{k}: {'true' if v else 'false'}")
        else:
            lines.append(f"{k}: {v}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def q(s):
    """A YAML-safe scalar: quoted when it has a colon or starts oddly."""
    if re.search(r"[:#\[\]{}&*!|>'\"%@`,]", s) or s[:1] in "-?":
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


SITE_TITLE = "Hverdagsteknologi i Benchby Kommune"
BASE_URL = "https://example.dk/hverdagsteknologi/"
CONTACT = [("name", "Hjælpemiddelteamet, Benchby Kommune"), ("phone", "+45 00 00 00 00"),
           ("email", "hjaelpemidler@example.dk"), ("address", "Rådhustorvet 1, 0000 Benchby"),
           ("hours", "Man–fre 9–12")]


def gen_pjece(root, leaflets, bodies, tech_bodies, problem_bodies):
    write(os.path.join(root, "site.yaml"),
          f"title: {SITE_TITLE}\nbase_url: {BASE_URL}\nlanguage: da\ntheme: default\ncontact:\n"
          + "".join(f"  {k}: {q(v)}\n" for k, v in CONTACT)
          + "print:\n  page_size: A5\nneutrality:\n  forbidden: []\nreadability:\n  max_lix: 40\n"
            "review:\n  max_age_months: 12\n")
    write(os.path.join(root, "content", "categories.yaml"),
          "".join(f"- id: {c}\n  title: {q(t)}\n  summary: {q(s)}\n" for c, t, s in CATEGORIES))
    for p in PROBLEMS:
        write(os.path.join(root, "content", "problems", p[0] + ".md"),
              fm([("title", p[1]), ("summary", q(p[2])), ("order", p[3])]) + problem_bodies[p[0]])
    for t in TECHNOLOGIES:
        write(os.path.join(root, "content", "technologies", t[0] + ".md"),
              fm([("title", q(t[1])), ("summary", q(f"{t[1]} {t[9]}.")), ("category", t[2]), ("problems", t[3]),
                  ("examples", t[8]), ("how_to_get", t[4]), ("price_band", t[5]),
                  ("requires", t[6] or None), ("consent", True if t[7] else None)]) + tech_bodies[t[0]])
    for slug, title, summary, body in PAGES:
        write(os.path.join(root, "content", "pages", slug + ".md"),
              fm([("title", q(title)), ("summary", q(summary))]) + body)
    for leaf, body in zip(leaflets, bodies):
        write(os.path.join(root, "content", "leaflets", leaf["slug"] + ".md"),
              fm([("title", q(leaf["title"])), ("summary", q(leaf["summary"])),
                  ("problems", [p[0] for p in leaf["problems"]]),
                  ("technologies", [t[0] for t in leaf["techs"]]),
                  ("audience", leaf["audience"]), ("reviewed", leaf["reviewed"])]) + body)
    for name, alt in IMAGES:
        write(os.path.join(root, "static", "img", name), svg(alt))


def gen_hugo(root, leaflets, bodies, tech_bodies, problem_bodies):
    write(os.path.join(root, "hugo.toml"), HUGO_CONFIG)
    write(os.path.join(root, "search.toml"), HUGO_SEARCH_CONFIG)
    write(os.path.join(root, "data", "categories.yaml"),
          "".join(f"- id: {c}\n  title: {q(t)}\n  summary: {q(s)}\n" for c, t, s in CATEGORIES))
    write(os.path.join(root, "content", "_index.md"), fm([("title", SITE_TITLE)]))
    write(os.path.join(root, "content", "problems", "_index.md"), fm([("title", "Hvad har du svært ved?")]))
    write(os.path.join(root, "content", "technologies", "_index.md"), fm([("title", "Teknologier")]))
    for p in PROBLEMS:
        write(os.path.join(root, "content", "problems", p[0], "_index.md"),
              fm([("title", p[1]), ("summary", q(p[2])), ("weight", p[3]), ("outputs", ["html", "print"])])
              + problem_bodies[p[0]])
    for t in TECHNOLOGIES:
        write(os.path.join(root, "content", "technologies", t[0], "_index.md"),
              fm([("title", q(t[1])), ("summary", q(f"{t[1]} {t[9]}.")), ("category", t[2]), ("for_problems", t[3]),
                  ("examples", [q(x) for x in t[8]]), ("how_to_get", t[4]), ("price_band", t[5]),
                  ("requires", t[6] or None), ("consent", True if t[7] else None), ("outputs", ["html"])])
              + tech_bodies[t[0]])
    for slug, title, summary, body in PAGES:
        write(os.path.join(root, "content", slug + ".md"),
              fm([("title", q(title)), ("summary", q(summary))]) + body)
    for leaf, body in zip(leaflets, bodies):
        write(os.path.join(root, "content", "leaflets", leaf["slug"] + ".md"),
              fm([("title", q(leaf["title"])), ("summary", q(leaf["summary"])),
                  ("problems", [p[0] for p in leaf["problems"]]),
                  ("technologies", [t[0] for t in leaf["techs"]]),
                  ("audience", leaf["audience"]), ("reviewed", leaf["reviewed"]), ("date", leaf["reviewed"]),
                  ("outputs", ["html", "print", "printlarge"])]) + body)
    for name, alt in IMAGES:
        write(os.path.join(root, "static", "img", name), svg(alt))
    # The same stylesheets as pjece's default theme, when the repository is at hand.
    for css in ("style.css", "print.css"):
        src = os.path.join(HERE, "..", "themes", "default", "assets", css)
        dst = os.path.join(root, "static", "assets", css)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.exists(src):
            shutil.copyfile(src, dst)
        else:
            write(dst, "body { font-family: sans-serif; }\n")
    for rel, text in HUGO_LAYOUTS.items():
        write(os.path.join(root, "layouts", rel), text.lstrip("\n"))


# --------------------------------------------------------------------------------------------
# Hugo: configuration and layouts of the same weight as pjece's default theme
# --------------------------------------------------------------------------------------------

HUGO_CONFIG = f'''baseURL = "{BASE_URL}"
title = "{SITE_TITLE}"
locale = "da"
defaultContentLanguage = "da"
disableKinds = ["rss", "section", "robotstxt"]
enableGitInfo = false

[taxonomies]
  problem = "problems"
  technology = "technologies"

[outputFormats.print]
  mediaType = "text/html"
  baseName = "index"
  path = "print"
  isHTML = true
  permalinkable = false
  noAlternative = true
[outputFormats.printlarge]
  mediaType = "text/html"
  baseName = "index"
  path = "print-large"
  isHTML = true
  permalinkable = false
  noAlternative = true

[outputs]
  home = ["html"]
  page = ["html"]
  taxonomy = ["html"]
  term = ["html"]

[params]
  page_size = "A5"
[params.contact]
''' + "".join(f'  {k} = "{v}"\n' for k, v in CONTACT)

HUGO_SEARCH_CONFIG = '''# Merged in with --config hugo.toml,search.toml when pjece's output has a search index.
[outputs]
  home = ["html", "json"]
'''

_AUD = '(dict "citizen" "borgere" "relative" "pårørende" "staff" "medarbejdere")'

HUGO_LAYOUTS = {
    "baseof.html": '''
<!DOCTYPE html>
<html lang="da" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ .Params.summary }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
<meta name="color-scheme" content="light dark">
</head>
<body>
<a class="skip" href="#indhold">Gå til indholdet</a>
<header class="top">
  <div class="wrap top-inner">
    <a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
    <nav aria-label="Hovedmenu">
      <ul class="nav">
        <li><a href="{{ site.Home.RelPermalink }}"{{ if .IsHome }} aria-current="page"{{ end }}>Hvad har du svært ved?</a></li>
        <li><a href="{{ "technologies/" | relURL }}">Teknologier</a></li>
        <li><a href="{{ "om/" | relURL }}">Om siden</a></li>
      </ul>
    </nav>
  </div>
</header>
{{ $crumbs := slice }}
{{ if eq .Section "leaflets" }}{{ $crumbs = slice site.Home | append (first 1 (.GetTerms "problems")) }}
{{ else if and (eq .Kind "term") (eq .Section "technologies") }}{{ $crumbs = slice site.Home (site.GetPage "/technologies") }}
{{ else if not .IsHome }}{{ $crumbs = slice site.Home }}{{ end }}
{{ with $crumbs }}
<nav class="crumbs wrap" aria-label="Du er her">
  <ol>
    {{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
    <li><a href="{{ $.RelPermalink }}" aria-current="page">{{ $.Title }}</a></li>
  </ol>
</nav>
{{ end }}
<main id="indhold" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="foot">
  <div class="wrap">
    {{ with site.Params.contact }}
    <section class="foot-contact" aria-labelledby="foot-contact-h">
      <h2 id="foot-contact-h">Sådan får du hjælp</h2>
      <p>{{ .name }}<br>Telefon: <a href="tel:{{ replace .phone " " "" }}">{{ .phone }}</a><br>
      E-mail: <a href="mailto:{{ .email }}">{{ .email }}</a><br>Åbent: {{ .hours }}</p>
    </section>
    {{ end }}
    <p class="neutral">Kommunen anbefaler ingen bestemte mærker, produkter eller butikker.</p>
    <ul class="foot-links">
      <li><a href="{{ "tilgaengelighed/" | relURL }}">Tilgængelighedserklæring</a></li>
      <li><a href="{{ "om/" | relURL }}">Om siden</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
''',
    "_partials/cards.html": '''
<ul class="cards">
{{ range . }}
  <li class="card">
    <a class="card-link" href="{{ .RelPermalink }}">{{ .Title }}</a>
    {{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
  </li>
{{ end }}
</ul>
''',
    "_partials/contact.html": '''
{{ with site.Params.contact }}
<aside class="box contact" aria-labelledby="contact-h">
  <h2 id="contact-h">Sådan får du hjælp</h2>
  <p>Ring eller skriv, hvis du har spørgsmål. Vi hjælper dig gerne med at finde ud af, hvad der passer til dig.</p>
  <dl>
    <dt>Kontakt</dt><dd>{{ .name }}</dd>
    <dt>Telefon</dt><dd><a href="tel:{{ replace .phone " " "" }}">{{ .phone }}</a></dd>
    <dt>E-mail</dt><dd><a href="mailto:{{ .email }}">{{ .email }}</a></dd>
    <dt>Adresse</dt><dd>{{ .address }}</dd>
    <dt>Åbent</dt><dd>{{ .hours }}</dd>
  </dl>
</aside>
{{ end }}
''',
    "_partials/qr.html": '''
<div class="qr-box">
  {{ with images.QR .page.Permalink (dict "targetDir" "qr") }}<img src="{{ .RelPermalink }}" width="{{ .Width }}" height="{{ .Height }}" alt="QR">{{ end }}
  <p>{{ .text }}<br><span class="url">{{ .page.Permalink }}</span></p>
</div>
''',
    "_partials/printhead.html": '''
<!DOCTYPE html>
<html lang="da" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .page.Title }} – {{ site.Title }}</title>
<meta name="description" content="{{ .page.Params.summary }}">
<meta name="robots" content="noindex">
<link rel="canonical" href="{{ .page.Permalink }}">
<link rel="stylesheet" href="{{ "assets/print.css" | relURL }}">
<style>@page { size: {{ .size }}; }</style>
</head>
<body class="print-page{{ if eq .size "A4" }} large{{ end }}">
<nav class="print-bar" aria-label="Udskrift">
  <p>Dette er udskriftsversionen. Brug din browsers knap til at udskrive (Ctrl+P).</p>
  <p><a href="{{ .page.RelPermalink }}">Tilbage til pjecen på nettet</a></p>
</nav>
<main>
''',
    "_partials/leafletprint.html": '''
{{ partial "printhead.html" (dict "page" . "size" (.Store.Get "size")) }}
<article class="sheet">
  <header class="print-head">
    <p class="print-site">{{ site.Title }}</p>
    <h1>{{ .Title }}</h1>
    <p class="lead">{{ .Params.summary }}</p>
  </header>
  <div class="prose">{{ .Content }}</div>
  {{ partial "contact.html" . }}
  <footer class="print-foot">
    {{ partial "qr.html" (dict "page" . "text" "Scan koden med din mobil for at læse pjecen på nettet") }}
    <p class="meta">Sidst gennemgået: <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>. Kommunen anbefaler ingen bestemte mærker, produkter eller butikker.</p>
  </footer>
</article>
</main>
</body>
</html>
''',
    "_markup/render-link.html": '''
{{- $d := .Destination -}}
{{- if and (strings.HasSuffix $d ".md") (not (strings.Contains $d "://")) -}}
  {{- $p := strings.TrimSuffix ".md" (strings.TrimPrefix "../" $d) -}}
  {{- if not (strings.Contains $p "/") }}{{ $p = printf "%s/%s" .Page.Section $p }}{{ end -}}
  {{- with site.GetPage (printf "/%s" $p) }}{{ $d = .RelPermalink }}{{ end -}}
{{- else if strings.HasPrefix $d "/" -}}
  {{- $d = strings.TrimPrefix "/" $d | relURL -}}
{{- end -}}
<a href="{{ $d | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text }}</a>
{{- /* */ -}}
''',
    "_markup/render-image.html": '''
{{- $d := .Destination -}}
{{- if strings.HasPrefix $d "/" }}{{ $d = strings.TrimPrefix "/" $d | relURL }}{{ end -}}
<img src="{{ $d | safeURL }}" alt="{{ .PlainText }}"{{ with .Title }} title="{{ . }}"{{ end }}>
{{- /* */ -}}
''',
    "home.html": '''
{{ define "main" }}
<h1>Hvad har du svært ved?</h1>
<p class="lead">Vælg det, der passer bedst på dig. Så finder du gode råd og teknologi, der kan gøre hverdagen lettere.</p>
<ul class="problems">
{{ range (site.GetPage "/problems").Pages.ByWeight }}
  <li><a class="problem" href="{{ .RelPermalink }}"><span class="problem-title">{{ .Title }}</span> <span class="problem-summary">{{ .Params.summary }}</span></a></li>
{{ end }}
</ul>
<section aria-labelledby="newest-h">
<h2 id="newest-h">Nyeste pjecer</h2>
{{ partial "cards.html" (first 6 (where site.RegularPages "Section" "leaflets").ByDate.Reverse) }}
</section>
<p class="neutral-note">Kommunen anbefaler ingen bestemte mærker, produkter eller butikker.</p>
{{ end }}
''',
    "home.json": '''
{{- $items := slice -}}
{{- range where site.RegularPages "Section" "leaflets" -}}
{{- $items = $items | append (dict "title" .Title "url" .RelPermalink "summary" .Params.summary "text" .Plain) -}}
{{- end -}}
{{- $items | jsonify -}}
''',
    "page.html": '''
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
<div class="prose">{{ .Content }}</div>
</article>
{{ end }}
''',
    "leaflets/page.html": '''
{{ define "main" }}
{{ $problems := .GetTerms "problems" }}
<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Params.summary }}</p>
<div class="prose">{{ .Content }}</div>
{{ partial "contact.html" . }}
<p class="meta">
Sidst gennemgået: <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>.
{{ with .Params.audience }} Skrevet til: {{ $a := ''' + _AUD + ''' }}{{ range $i, $x := . }}{{ if $i }}, {{ end }}{{ index $a $x }}{{ end }}.{{ end }}
</p>
<ul class="print-links">
  {{ with .OutputFormats.Get "print" }}<li><a href="{{ .RelPermalink }}">Udskriv pjecen</a></li>{{ end }}
  {{ with .OutputFormats.Get "printlarge" }}<li><a href="{{ .RelPermalink }}">Udskriv med stor skrift</a></li>{{ end }}
</ul>
</article>
{{ with .GetTerms "technologies" }}
<section aria-labelledby="tech-h">
<h2 id="tech-h">Teknologi i pjecen</h2>
{{ partial "cards.html" .ByTitle }}
</section>
{{ end }}
{{ $self := . }}{{ $rel := slice }}
{{ range $problems }}{{ range first 9 .Pages }}{{ if ne . $self }}{{ $rel = $rel | append . }}{{ end }}{{ end }}{{ end }}
{{ with first 8 ($rel | uniq) }}
<section aria-labelledby="related-h">
<h2 id="related-h">Andre pjecer om det samme</h2>
{{ partial "cards.html" (sort . "Title") }}
</section>
{{ end }}
{{ with $problems }}
<section aria-labelledby="problems-h">
<h2 id="problems-h">Det kan hjælpe med</h2>
{{ partial "cards.html" .ByWeight }}
</section>
{{ end }}
{{ end }}
''',
    "leaflets/page.print.html": '''
{{ .Store.Set "size" site.Params.page_size }}{{ partial "leafletprint.html" . }}
''',
    "leaflets/page.printlarge.html": '''
{{ .Store.Set "size" "A4" }}{{ partial "leafletprint.html" . }}
''',
    "taxonomy.html": '''
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "cards.html" .Pages.ByWeight }}
{{ end }}
''',
    "technologies/taxonomy.html": '''
{{ define "main" }}
<h1>Teknologier</h1>
<p class="lead">Her er de slags teknologi, vi skriver om, samlet i grupper. Vi nævner aldrig mærker eller butikker.</p>
{{ $terms := .Pages.ByTitle }}
<nav class="toc" aria-labelledby="toc-h">
<h2 id="toc-h">Grupper</h2>
<ul>
{{ range hugo.Data.categories }}<li><a href="#{{ .id }}">{{ .title }}</a></li>{{ end }}
</ul>
</nav>
{{ range hugo.Data.categories }}
{{ $id := .id }}
<section class="category" id="{{ .id }}" aria-labelledby="{{ .id }}-h">
<h2 id="{{ .id }}-h">{{ .title }}</h2>
<p>{{ .summary }}</p>
{{ partial "cards.html" (where $terms "Params.category" $id) }}
</section>
{{ end }}
{{ end }}
''',
    "problems/term.html": '''
{{ define "main" }}
{{ $slug := .Data.Term }}
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Params.summary }}</p>
<div class="prose">{{ .Content }}</div>
<section aria-labelledby="leaflets-h">
<h2 id="leaflets-h">Pjecer om det</h2>
{{ partial "cards.html" .Pages.ByTitle }}
{{ with .OutputFormats.Get "print" }}<p class="print-links-p"><a href="{{ .RelPermalink }}">Udskriv alle pjecerne</a></p>{{ end }}
</section>
<section aria-labelledby="tech-h">
<h2 id="tech-h">Teknologi, der kan hjælpe</h2>
{{ $t := slice }}{{ range (site.GetPage "/technologies").Pages.ByTitle }}{{ if in .Params.for_problems $slug }}{{ $t = $t | append . }}{{ end }}{{ end }}
{{ partial "cards.html" $t }}
</section>
{{ end }}
''',
    "problems/term.print.html": '''
{{ partial "printhead.html" (dict "page" . "size" site.Params.page_size) }}
<section class="sheet cover" aria-labelledby="cover-h">
  <p class="print-site">{{ site.Title }}</p>
  <h1 id="cover-h">{{ .Title }}</h1>
  <p class="lead">{{ .Params.summary }}</p>
  {{ partial "qr.html" (dict "page" . "text" "Scan koden med din mobil for at læse mere på nettet") }}
  <nav class="contents" aria-labelledby="contents-h">
    <h2 id="contents-h">Indhold</h2>
    <ol>
    {{ range .Pages.ByTitle }}<li><a href="#{{ .File.ContentBaseName }}">{{ .Title }}</a></li>{{ end }}
    </ol>
  </nav>
</section>
{{ range .Pages.ByTitle }}
{{ $slug := .File.ContentBaseName }}
{{ $h := string .Content }}
{{ range slice 5 4 3 2 }}{{ $h = replace $h (printf "<h%d" .) (printf "<h%d" (add . 1)) }}{{ $h = replace $h (printf "</h%d>" .) (printf "</h%d>" (add . 1)) }}{{ end }}
{{ $h = replace $h " id=\\"" (printf " id=\\"%s-" $slug) }}{{ $h = replace $h " href=\\"#" (printf " href=\\"#%s-" $slug) }}
<article class="sheet bundle-leaflet" id="{{ $slug }}" aria-labelledby="{{ $slug }}-title">
  <h2 id="{{ $slug }}-title">{{ .Title }}</h2>
  <p class="lead">{{ .Params.summary }}</p>
  <div class="prose">{{ $h | safeHTML }}</div>
  <p class="url-line">Læs pjecen på nettet <span class="url">{{ .Permalink }}</span></p>
</article>
{{ end }}
<section class="sheet" aria-label="Sådan får du hjælp">
{{ partial "contact.html" . }}
<p class="meta">Kommunen anbefaler ingen bestemte mærker, produkter eller butikker.</p>
</section>
</main>
</body>
</html>
''',
    "technologies/term.html": '''
{{ define "main" }}
{{ $how := dict "buy" "Køb det selv" "municipality" "Søg kommunen – før du køber" "care" "Via hjemmeplejen" "healthcare" "Via lægen eller sygehuset" }}
{{ $price := dict "low" "Billig (under 500 kr.)" "medium" "Mellem" "high" "Dyr" }}
{{ $req := dict "power" "strøm" "wifi" "internet (wifi)" "smartphone" "en smartphone" "subscription" "et abonnement" "installation" "at nogen sætter det op" }}
<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Params.summary }}</p>
{{ if .Params.consent }}<p class="box notice"><strong>Samtykke.</strong> Denne teknologi kan vise, hvor en person er, eller holde øje med en person. Den må kun bruges, hvis personen selv siger ja.</p>{{ end }}
<dl class="facts">
  {{ $cat := .Params.category }}{{ range where hugo.Data.categories "id" $cat }}<dt>Gruppe</dt><dd><a href="{{ printf "technologies/#%s" .id | relURL }}">{{ .title }}</a></dd>{{ end }}
  {{ with .Params.price_band }}<dt>Pris</dt><dd>{{ index $price . }}</dd>{{ end }}
  {{ with .Params.requires }}<dt>Det kræver</dt><dd>{{ range $i, $x := . }}{{ if $i }}, {{ end }}{{ index $req $x }}{{ end }}</dd>{{ end }}
</dl>
{{ with .Params.examples }}<h2>Eksempler</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
<div class="prose">{{ .Content }}</div>
{{ with .Params.how_to_get }}
<section class="box how" aria-labelledby="how-h">
<h2 id="how-h">Sådan får du det</h2>
<ul>{{ range . }}<li><strong>{{ index $how . }}.</strong></li>{{ end }}</ul>
</section>
{{ end }}
{{ partial "contact.html" . }}
</article>
<section aria-labelledby="leaflets-h">
<h2 id="leaflets-h">Pjecer, der nævner det</h2>
{{ partial "cards.html" .Pages.ByTitle }}
</section>
{{ $ps := slice }}{{ range .Params.for_problems }}{{ with site.GetPage (printf "/problems/%s" .) }}{{ $ps = $ps | append . }}{{ end }}{{ end }}
{{ with $ps }}
<section aria-labelledby="problems-h">
<h2 id="problems-h">Det kan hjælpe med</h2>
{{ partial "cards.html" . }}
</section>
{{ end }}
{{ end }}
''',
    "404.html": '''
{{ define "main" }}
<h1>Siden findes ikke</h1>
<p class="lead">Vi kan ikke finde den side, du leder efter. Måske er den flyttet, eller der er en fejl i adressen.</p>
<p><a href="{{ site.Home.RelPermalink }}">Gå til forsiden</a></p>
{{ end }}
''',
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of leaflets")
    ap.add_argument("out", help="folder to write pjece/ and hugo/ into (replaced if present)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=["pjece", "hugo"], help="write just one of the two sites")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    w = Writer(rng)
    leaflets = make_leaflets(args.n, rng)
    bodies = [leaflet_body(i, leaf, leaflets, w, rng) for i, leaf in enumerate(leaflets)]
    tech_bodies = {t[0]: tech_body(t, w) for t in TECHNOLOGIES}
    problem_bodies = {p[0]: problem_body(p, w) for p in PROBLEMS}
    for tool, fn in (("pjece", gen_pjece), ("hugo", gen_hugo)):
        if args.only and args.only != tool:
            continue
        root = os.path.join(args.out, tool)
        if os.path.exists(root):
            shutil.rmtree(root)
        fn(root, leaflets, bodies, tech_bodies, problem_bodies)
    words = sum(len(re.findall(r"\w+", re.sub(r"\]\([^)]*\)", "]", b))) for b in bodies)
    print(f"gen.py: {args.n} leaflets, {len(PROBLEMS)} problems, {len(CATEGORIES)} categories, "
          f"{len(TECHNOLOGIES)} technologies, ~{words // max(1, args.n)} words a leaflet -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
