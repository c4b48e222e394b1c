"""Demo content for Chronicle: authors, categories, a short series on muscle
symptoms, two standalone articles and the site's standard pages.

Pure data only. Everything here is original writing for the demo site; it is
general information for a patient community, not medical advice.
"""

# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------

AUTHOR = {
    "name": "Maya Lindqvist",
    "slug": "maya-lindqvist",
    "role": "Patient advocate and editor",
    "bio": (
        "Maya has lived with fibromyalgia for twelve years. She spent a decade "
        "as a school librarian before her symptoms changed how she works, and "
        "now writes short, practical guides for people who are too tired to read "
        "long ones. She tests every tip on her own bad days first."
    ),
}

REVIEWER = {
    "name": "Daniel Osei, RN",
    "slug": "daniel-osei",
    "role": "Registered nurse, medical reviewer",
    "bio": (
        "Daniel is a registered nurse with a background in rheumatology outpatient "
        "care and pain clinics. He checks each Chronicle article for accuracy and "
        "safety, and makes sure our advice about when to seek medical help is clear."
    ),
}

# ---------------------------------------------------------------------------
# Taxonomy
# ---------------------------------------------------------------------------

CATEGORIES = [
    {
        "name": "Symptoms",
        "slug": "symptoms",
        "description": "Plain explanations of what fibromyalgia can feel like, and why.",
    },
    {
        "name": "Self-care",
        "slug": "self-care",
        "description": "Small, realistic things you can try at home, at your own pace.",
    },
    {
        "name": "Living with fibromyalgia",
        "slug": "living-with-fibromyalgia",
        "description": "Work, rest, relationships and everyday routines with a chronic illness.",
    },
    {
        "name": "Research",
        "slug": "research",
        "description": "What studies and clinical guidelines say, explained without jargon.",
    },
]

SERIES = {
    "title": "Muscle symptoms in fibromyalgia",
    "slug": "muscle-symptoms",
    "description": (
        "A three-part series on the muscle problems many of us live with: knots "
        "and trigger points, cramps, and weakness. Each part explains what is "
        "going on, what tends to help, and which signs mean it is time to call "
        "a doctor."
    ),
}

# ---------------------------------------------------------------------------
# Home and blog index
# ---------------------------------------------------------------------------

HOME_INTRO = (
    "<p>Chronicle is a calm corner of the internet for people living with "
    "fibromyalgia. Short reads, clear headings and practical ideas you can try "
    "on a low-energy day.</p>"
)

BLOG_INTRO = (
    "<p>Articles written by people with fibromyalgia and checked by a nurse. "
    "Read a little at a time: every piece has headings, short lists and a "
    "summary of when to talk to your doctor.</p>"
)

# ---------------------------------------------------------------------------
# Standard pages
# ---------------------------------------------------------------------------

ABOUT_PAGE = {
    "title": "About Chronicle",
    "slug": "about",
    "intro": (
        "Chronicle is a small, independent blog for people with fibromyalgia, "
        "and for the friends and families who support them."
    ),
    "body": [
        {"type": "heading", "value": {"text": "Why we started", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>Most health websites are written for people with energy to spare. "
                "Long pages, pop-ups and dense paragraphs are hard going when your head "
                "feels full of cotton wool.</p>"
                "<p>We wanted something gentler: short sections, one idea at a time, and "
                "advice that has been tried on real bad days.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Who writes here", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>Our articles are written by people who live with fibromyalgia. "
                "Each one is then read by a registered nurse, who checks that the "
                "information is accurate and that warning signs are clearly described.</p>"
                "<p>Every article shows the date it was last reviewed, so you can see how "
                "current it is.</p>"
            ),
        },
        {
            "type": "term_list",
            "value": {
                "heading": "What we promise",
                "items": [
                    {
                        "label": "Plain language",
                        "explanation": "<p>We explain medical words the first time we use them, or we leave them out.</p>",
                    },
                    {
                        "label": "No miracle cures",
                        "explanation": "<p>We do not sell or promote treatments that promise to fix fibromyalgia. If something sounds too good to be true, we say so.</p>",
                    },
                    {
                        "label": "Honest sources",
                        "explanation": "<p>We link to the public health bodies and studies we relied on, at the end of each article.</p>",
                    },
                    {
                        "label": "Respect for your pace",
                        "explanation": "<p>You can read one section and come back later. Nothing here expires.</p>",
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "note",
                "title": "Get in touch",
                "body": (
                    "<p>Spotted a mistake, or have an idea for an article? Use the contact "
                    "form. We read every message, though replies can take a few days.</p>"
                ),
            },
        },
    ],
}

PRIVACY_PAGE = {
    "title": "Privacy policy",
    "slug": "privacy-policy",
    "intro": (
        "This page explains, in plain words, what information Chronicle keeps "
        "about you, why we keep it, and how long we keep it for."
    ),
    "body": [
        {"type": "heading", "value": {"text": "The short version", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>We collect as little as we can. We never sell your information, and we "
                "do not use advertising trackers.</p>"
                "<p>The sections below describe each place where you might give us "
                "information: comments, the newsletter, the contact form and the shop.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Comments", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>When you leave a comment we store the name you choose, your email "
                "address and the comment itself. Your email address is <b>never shown</b> "
                "on the site. We use it only if we need to contact you about your comment.</p>"
                "<p>We also record the IP address the comment came from. This helps us block "
                "spam and abuse. IP addresses are deleted automatically after <b>30 days</b>.</p>"
                "<p>Comments are moderated before they appear. You can ask us to remove a "
                "comment you wrote at any time.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Newsletter", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>If you sign up, we keep your email address and the date you joined. "
                "We use <b>double opt-in</b>: you will get an email asking you to confirm, "
                "and nothing else is sent until you do.</p>"
                "<p>Every newsletter has a <b>one-click unsubscribe</b> link. Once you "
                "unsubscribe, your address is removed from the mailing list.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Contact form", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>Messages sent through the contact form include your name, email address "
                "and whatever you choose to write. We use them only to reply to you.</p>"
                "<p>Contact messages are deleted after <b>12 months</b>, or sooner if you ask.</p>"
                "<p>Please do not send us detailed medical information. We cannot give "
                "personal medical advice, and we would rather not hold sensitive details "
                "we do not need.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Shop orders", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>Payments in our shop are handled by <b>Stripe</b>. Your card details go "
                "straight to Stripe and never reach our servers.</p>"
                "<p>We keep a record of your order, your name, email and delivery address so "
                "we can send your items and meet tax and accounting rules. These records are "
                "kept for as long as the law requires.</p>"
            ),
        },
        {
            "type": "term_list",
            "value": {
                "heading": "Your rights",
                "items": [
                    {
                        "label": "See your data",
                        "explanation": "<p>You can ask for a copy of the information we hold about you.</p>",
                    },
                    {
                        "label": "Correct it",
                        "explanation": "<p>If something is wrong, tell us and we will fix it.</p>",
                    },
                    {
                        "label": "Delete it",
                        "explanation": "<p>You can ask us to erase your comments, messages or newsletter subscription. Order records may need to be kept for legal reasons.</p>",
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "note",
                "title": "Cookies",
                "body": (
                    "<p>We use only the cookies the site needs to work, such as remembering "
                    "that you are logged in to leave a comment. We do not use advertising "
                    "or cross-site tracking cookies.</p>"
                ),
            },
        },
    ],
}

DISCLAIMER_PAGE = {
    "title": "Medical disclaimer",
    "slug": "medical-disclaimer",
    "intro": (
        "Chronicle shares general information and lived experience. It is not a "
        "substitute for care from a qualified health professional."
    ),
    "body": [
        {"type": "heading", "value": {"text": "Not medical advice", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>Our articles are written to help you understand fibromyalgia and to give "
                "you ideas worth discussing with your care team. They cannot take your own "
                "history, tests or medicines into account.</p>"
                "<p>Although a registered nurse reviews our articles, reading this site does "
                "not create a patient relationship with anyone at Chronicle.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Talk to your doctor", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>Please speak to your doctor, nurse or pharmacist before you start, stop "
                "or change any treatment, supplement or exercise plan. This matters most if "
                "you are pregnant, take several medicines, or have other health conditions.</p>"
                "<p>If a symptom is new, is getting worse, or simply feels different from your "
                "usual fibromyalgia, get it checked. It is never a waste of anyone’s time.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "kind": "disclaimer",
                "title": "In an emergency",
                "body": (
                    "<p>Call your local emergency number straight away if you or someone "
                    "with you has:</p>"
                    "<ul>"
                    "<li>sudden weakness or numbness in the face, an arm or a leg, especially on one side</li>"
                    "<li>trouble speaking, or sudden confusion</li>"
                    "<li>chest pain or difficulty breathing</li>"
                    "<li>thoughts of harming themselves</li>"
                    "</ul>"
                    "<p>Do not wait to read an article or post in a forum first.</p>"
                ),
            },
        },
        {"type": "heading", "value": {"text": "Links and products", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": (
                "<p>We link to outside websites, such as public health services, because we "
                "trust them. We are not responsible for their content, which may change.</p>"
                "<p>Items in our shop are for comfort and community. They are not medical "
                "devices or treatments.</p>"
            ),
        },
    ],
}

# ---------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------

ARTICLES = [
    # -- Series part 1 ------------------------------------------------------
    {
        "title": "Muscle knots and trigger points in fibromyalgia",
        "slug": "muscle-knots-trigger-points",
        "intro": (
            "Those small, sore lumps in your neck and shoulders have a name, and "
            "there are gentle ways to ease them. Here is what is going on and what "
            "you can try at home."
        ),
        "series_part": 1,
        "categories": ["symptoms", "self-care"],
        "tags": ["muscle pain", "trigger points", "self-care", "heat therapy"],
        "date": "2026-09-08",
        "last_reviewed": "2026-09-01",
        "hero_alt": "Soft teal and sand-coloured shapes suggesting a resting shoulder",
        "hero_colors": ["#2f6f73", "#f2e8d5"],
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>Many of us know the feeling. You reach up to rub your neck and find a "
                    "small, hard spot that is far more sore than it should be. Press it, and the "
                    "ache may spread up into your head or down your arm.</p>"
                    "<p>This is the first part of our series on muscle symptoms. We will look at "
                    "what these knots are, why fibromyalgia seems to invite them, and which simple "
                    "habits can make them calmer. Take it one section at a time.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "What muscle knots are", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>A muscle knot is a small patch of muscle that has stayed partly tight "
                    "instead of letting go. Doctors and physiotherapists often call the most "
                    "sensitive of these spots <b>myofascial trigger points</b>. “Myo” means "
                    "muscle, and “fascia” is the thin wrapping around it.</p>"
                    "<p>Under your fingers a knot can feel like a pea, a grain of rice or a "
                    "tight cord. The favourite places are the upper back, the base of the skull, "
                    "the shoulder blades, the lower back and the buttocks, but calves and "
                    "forearms get them too.</p>"
                    "<p>A trigger point has one odd habit. Pressing on it can cause pain "
                    "somewhere else. This is called <i>referred pain</i>. A knot near the top "
                    "of your shoulder, for example, may send an ache into your temple.</p>"
                ),
            },
            {
                "type": "callout",
                "value": {
                    "kind": "note",
                    "title": "Trigger points and tender points are not the same",
                    "body": (
                        "<p>You may have heard of the 18 “tender points” once used to diagnose "
                        "fibromyalgia. Doctors no longer need to press on them; diagnosis now "
                        "focuses on how widespread your pain is and on symptoms like tiredness "
                        "and poor sleep.</p>"
                        "<p>Trigger points are a separate thing. Some people have both "
                        "fibromyalgia and a condition called "
                        "<a href=\"https://www.mayoclinic.org/diseases-conditions/myofascial-pain-syndrome/symptoms-causes/syc-20375444\">myofascial pain syndrome</a>, "
                        "and the two can overlap.</p>"
                    ),
                },
            },
            {"type": "heading", "value": {"text": "Why knots form more easily with fibromyalgia", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Nobody can point to one single cause. In fibromyalgia, several things "
                    "tend to happen at once and feed into each other.</p>"
                ),
            },
            {
                "type": "term_list",
                "value": {
                    "heading": "Common contributing factors",
                    "items": [
                        {
                            "label": "A nervous system stuck on high alert",
                            "explanation": "<p>Fibromyalgia turns up the volume on pain signals. Muscles may hold a low level of tension all day because the nerves that control them never fully switch off.</p>",
                        },
                        {
                            "label": "Reduced blood flow",
                            "explanation": "<p>A muscle that stays tight squeezes its own small blood vessels. Less fresh blood means waste products linger, which may keep the spot sore.</p>",
                        },
                        {
                            "label": "Stress held in the body",
                            "explanation": "<p>Worry and pressure make us brace without noticing, often by lifting the shoulders or clenching the jaw. Over weeks, that bracing can settle into knots.</p>",
                        },
                        {
                            "label": "Doing the same thing, or doing nothing",
                            "explanation": "<p>Repeating one movement, like typing or scrolling, loads the same fibres again and again. Sitting still for hours on a bad day can stiffen muscles in a similar way.</p>",
                        },
                        {
                            "label": "Unrefreshing sleep",
                            "explanation": "<p>Deep sleep is when muscles do much of their repair. When sleep is light and broken, as it often is with fibromyalgia, they get less chance to recover.</p>",
                        },
                    ],
                },
            },
            {"type": "heading", "value": {"text": "Signs you may have a trigger point", "level": "h2", "anchor": ""}},
            {
                "type": "term_list",
                "value": {
                    "heading": "",
                    "items": [
                        {
                            "label": "A sore spot you can find again",
                            "explanation": "<p>The pain sits in one place, and pressing there makes it sharper. It is often in the same spot each time it flares.</p>",
                        },
                        {
                            "label": "Tightness and stiffness",
                            "explanation": "<p>The muscle feels short or ropy, and turning your head or lifting your arm may feel restricted.</p>",
                        },
                        {
                            "label": "Pain that travels",
                            "explanation": "<p>The ache spreads beyond the knot itself, for example from the shoulder into the head, or from the buttock down the back of the leg.</p>",
                        },
                        {
                            "label": "Extra sensitivity to touch",
                            "explanation": "<p>A bag strap, a firm hug or a seam in your clothing can feel surprisingly uncomfortable over the area.</p>",
                        },
                    ],
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": "I used to think the headaches came from nowhere. Once my physio found the knot at the top of my shoulder, I could finally do something about them.",
                    "attribution": "Priya, reader",
                },
            },
            {"type": "heading", "value": {"text": "Easing knots at home", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>The aim is not to “break” a knot by force. With fibromyalgia, heavy "
                    "pressure can backfire and leave you sorer the next day. Think <b>warm, "
                    "slow and gentle</b>, and stop if the pain climbs.</p>"
                ),
            },
            {
                "type": "term_list",
                "value": {
                    "heading": "Things worth trying",
                    "items": [
                        {
                            "label": "Gentle massage",
                            "explanation": "<p>Slow, light strokes around the knot can help the muscle soften. If you see a massage therapist, tell them you have fibromyalgia and ask them to start softly.</p>",
                        },
                        {
                            "label": "Warmth",
                            "explanation": "<p>A warm shower, a wheat bag or a heat pad for 15 to 20 minutes helps blood move through the area. Keep a cloth between the heat and your skin.</p>",
                        },
                        {
                            "label": "Slow stretches",
                            "explanation": "<p>Move into a stretch until you feel mild pulling, never sharp pain. Breathe out and hold for a few breaths, then ease back.</p>",
                        },
                        {
                            "label": "A soft ball or foam roller",
                            "explanation": "<p>Lean against a wall with a tennis ball behind the sore spot and let your body weight do the work. Start with a few seconds; longer is not better.</p>",
                        },
                        {
                            "label": "Changing position often",
                            "explanation": "<p>Set a reminder to shift, roll your shoulders or stand up every 30 to 45 minutes. Small, frequent movement beats one big stretch at the end of the day.</p>",
                        },
                    ],
                },
            },
            {"type": "heading", "value": {"text": "A two-minute shoulder reset", "level": "h3", "anchor": ""}},
            {
                "type": "callout",
                "value": {
                    "kind": "tip",
                    "title": "Try this while the kettle boils",
                    "body": (
                        "<ul>"
                        "<li>Let your shoulders drop. Notice how high they had crept.</li>"
                        "<li>Breathe in through your nose for four counts and out for six.</li>"
                        "<li>Slowly tip your right ear towards your right shoulder, hold for three breaths, then switch sides.</li>"
                        "<li>Finish with five slow shoulder rolls backwards.</li>"
                        "</ul>"
                        "<p>If anything hurts sharply, skip that step. Tomorrow is another go.</p>"
                    ),
                },
            },
            {"type": "heading", "value": {"text": "Professional help that may be offered", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>A physiotherapist can show you stretches suited to your body and help "
                    "you build strength slowly. Some people also find acupuncture or "
                    "hands-on therapy helpful, although results vary from person to person.</p>"
                    "<p>For stubborn trigger points, a doctor may discuss options such as "
                    "injections. These are not right for everyone, so ask about the likely "
                    "benefits and side effects before deciding.</p>"
                ),
            },
            {
                "type": "callout",
                "value": {
                    "kind": "doctor",
                    "title": "When to see a doctor",
                    "body": (
                        "<p>Knots are common with fibromyalgia, but some signs need a proper "
                        "check. Contact your doctor if you notice:</p>"
                        "<ul>"
                        "<li>muscle pain that keeps getting worse despite rest, heat and gentle stretching</li>"
                        "<li>a lump that is growing, hard and fixed, or does not feel like your usual knots</li>"
                        "<li>redness, warmth or swelling over the sore area, or a fever</li>"
                        "<li>numbness, tingling or weakness spreading into an arm or leg</li>"
                        "<li>new muscle aches after starting a medicine, such as a statin (do not stop it without advice)</li>"
                        "</ul>"
                        "<p>Your doctor may examine the area and, if needed, arrange blood tests "
                        "or a scan to rule out other causes.</p>"
                    ),
                },
            },
            {"type": "heading", "value": {"text": "The takeaway", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Muscle knots are real, common and worth taking seriously, but they "
                    "usually respond to patience more than force. A little warmth, a few slow "
                    "stretches and regular changes of position can add up over a week or two.</p>"
                    "<p>In part two of this series we look at muscle cramps: the sudden, "
                    "gripping kind of pain that often strikes at night.</p>"
                ),
            },
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "items": [
                        {
                            "title": "Myofascial pain syndrome",
                            "source": "Mayo Clinic",
                            "year": None,
                            "url": "https://www.mayoclinic.org/diseases-conditions/myofascial-pain-syndrome/symptoms-causes/syc-20375444",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia",
                            "source": "Mayo Clinic",
                            "year": None,
                            "url": "https://www.mayoclinic.org/diseases-conditions/fibromyalgia/symptoms-causes/syc-20354780",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia",
                            "source": "NHS",
                            "year": None,
                            "url": "https://www.nhs.uk/conditions/fibromyalgia/",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "EULAR revised recommendations for the management of fibromyalgia",
                            "source": "Annals of the Rheumatic Diseases",
                            "year": 2017,
                            "url": "",
                            "doi": "10.1136/annrheumdis-2016-209724",
                            "pmid": "27377815",
                        },
                    ],
                },
            },
        ],
    },
    # -- Series part 2 ------------------------------------------------------
    {
        "title": "Muscle cramps in fibromyalgia: why they happen and what helps",
        "slug": "muscle-cramps-fibromyalgia",
        "intro": (
            "A cramp can wake you at 3am with a calf as hard as stone. This guide "
            "explains the likely triggers and the small habits that can make cramps "
            "less frequent."
        ),
        "series_part": 2,
        "categories": ["symptoms", "self-care"],
        "tags": ["muscle pain", "cramps", "hydration", "sleep"],
        "date": "2026-09-29",
        "last_reviewed": "2026-09-22",
        "hero_alt": "Deep blue and pale lilac curves folding softly into one another, suggesting a muscle letting go",
        "hero_colors": ["#34507a", "#e9e3f1"],
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>Cramps arrive without warning. One moment you are turning over in bed "
                    "or reaching for a cup, and the next a muscle has locked tight and will not "
                    "let go.</p>"
                    "<p>In this second part of our muscle series, we explain what a cramp is, "
                    "why fibromyalgia may make them more likely, and what you can do both in "
                    "the moment and over the longer term.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "What muscle cramps are", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>A cramp is a muscle tightening by itself, strongly and painfully, "
                    "without you telling it to. You cannot relax it by choice, which is part of "
                    "what makes it so alarming.</p>"
                    "<p>Most cramps pass within a few seconds, though some hang on for several "
                    "minutes. The calves and the soles of the feet are the usual targets. Hands, "
                    "thighs and the muscles along the spine can cramp too.</p>"
                    "<p>Afterwards the muscle may feel bruised or tender for a day or so. That "
                    "leftover soreness is common and usually fades on its own.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "What can set cramps off", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Cramps are common in the general population, and often no single cause "
                    "is found. With fibromyalgia, these factors are worth thinking about:</p>"
                ),
            },
            {
                "type": "term_list",
                "value": {
                    "heading": "Possible triggers",
                    "items": [
                        {
                            "label": "Jumpy nerve signals",
                            "explanation": "<p>In fibromyalgia the nervous system is more easily stirred up. The nerves that tell muscles to contract may fire when they should be quiet.</p>",
                        },
                        {
                            "label": "Low minerals",
                            "explanation": "<p>Muscles need the right balance of magnesium, potassium and calcium to contract and relax smoothly. Some medicines, such as certain water tablets, can lower these levels.</p>",
                        },
                        {
                            "label": "Not drinking enough",
                            "explanation": "<p>When you are short of fluid, muscles become more irritable. Fatigue can make it easy to forget to drink, especially if getting up is an effort.</p>",
                        },
                        {
                            "label": "Sluggish circulation",
                            "explanation": "<p>Sitting or lying in one position for a long time slows blood flow to the legs, and a muscle that is short of blood cramps more readily.</p>",
                        },
                        {
                            "label": "Broken sleep",
                            "explanation": "<p>Muscles recover overnight. Poor sleep leaves them tired and twitchy, and cramps at night can then disturb sleep further, a frustrating loop.</p>",
                        },
                    ],
                },
            },
            {"type": "heading", "value": {"text": "How a cramp tends to feel", "level": "h2", "anchor": ""}},
            {
                "type": "term_list",
                "value": {
                    "heading": "",
                    "items": [
                        {
                            "label": "Sudden, gripping pain",
                            "explanation": "<p>The pain comes on fast and can be severe enough to make you cry out or sit up in bed.</p>",
                        },
                        {
                            "label": "A hard, visible muscle",
                            "explanation": "<p>The muscle may bunch up into a firm lump you can see or feel under the skin until it relaxes.</p>",
                        },
                        {
                            "label": "Twitches before or after",
                            "explanation": "<p>Small flickers or jumps in the muscle sometimes come just before a cramp or linger once it has passed.</p>",
                        },
                        {
                            "label": "A pattern of timing",
                            "explanation": "<p>Many people notice cramps mostly at night, or a few hours after a busier-than-usual day.</p>",
                        },
                    ],
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": "Keeping a glass of water and a rolled-up towel by the bed sounds silly, but it means I can deal with a calf cramp without hobbling to the kitchen in the dark.",
                    "attribution": "Tomasz, reader",
                },
            },
            {"type": "heading", "value": {"text": "Preventing and easing cramps", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p><b>During a cramp:</b> gently stretch the muscle in the opposite direction "
                    "to the pull. For a calf cramp, straighten your leg and pull your toes up "
                    "towards your knee, using a towel looped around your foot if you cannot reach. "
                    "Massage the area lightly while you wait for it to ease. The "
                    "<a href=\"https://www.nhs.uk/conditions/leg-cramps/\">NHS page on leg cramps</a> "
                    "shows a similar stretch.</p>"
                    "<p><b>Between cramps:</b> the habits below may lower how often they happen. "
                    "Try one or two at a time, so you can tell what makes a difference for you.</p>"
                ),
            },
            {
                "type": "term_list",
                "value": {
                    "heading": "Habits that may help",
                    "items": [
                        {
                            "label": "Magnesium-rich foods",
                            "explanation": "<p>Nuts, seeds, beans, wholegrains and dark green vegetables all contain magnesium. Evidence that supplements prevent cramps is mixed, so ask your doctor or pharmacist before taking them, especially if you have kidney problems.</p>",
                        },
                        {
                            "label": "Regular sips of fluid",
                            "explanation": "<p>Keep a filled bottle within reach so drinking takes no extra trips. Pale yellow urine is a rough sign you are drinking enough.</p>",
                        },
                        {
                            "label": "Warmth or cold",
                            "explanation": "<p>A warm bath or heat pad helps a tight muscle relax. Some people prefer a cold pack, wrapped in a cloth, on a muscle that stays sore afterwards. Use whichever feels better.</p>",
                        },
                        {
                            "label": "A short bedtime stretch",
                            "explanation": "<p>A gentle calf and hamstring stretch before you lie down, held for a few slow breaths on each side, may reduce night-time cramps.</p>",
                        },
                        {
                            "label": "Easing off caffeine and alcohol",
                            "explanation": "<p>Both can leave you short of fluid. Try switching the afternoon coffee for a decaf and notice whether your nights are calmer.</p>",
                        },
                    ],
                },
            },
            {"type": "heading", "value": {"text": "Setting up your bed for fewer night cramps", "level": "h3", "anchor": ""}},
            {
                "type": "callout",
                "value": {
                    "kind": "tip",
                    "title": "Small changes at bedtime",
                    "body": (
                        "<ul>"
                        "<li>Loosen heavy blankets at the foot of the bed so your toes are not pushed down all night.</li>"
                        "<li>If you sleep on your back, a pillow under the knees can keep the calves from tightening.</li>"
                        "<li>Keep a towel and a glass of water on the bedside table.</li>"
                        "<li>Wear socks if cold feet seem to set off cramps.</li>"
                        "</ul>"
                    ),
                },
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>It can help to jot down when cramps happen, what you ate and drank, and "
                    "how active you were that day. After two or three weeks, patterns often "
                    "appear that are hard to spot in the moment, and the notes are useful to "
                    "bring to an appointment.</p>"
                ),
            },
            {
                "type": "callout",
                "value": {
                    "kind": "doctor",
                    "title": "When to see a doctor",
                    "body": (
                        "<p>Occasional cramps are rarely serious. Book an appointment if you "
                        "have:</p>"
                        "<ul>"
                        "<li>cramps most nights, or cramps that stop you sleeping or walking</li>"
                        "<li>cramps that began after starting or changing a medicine</li>"
                        "<li>cramps together with muscle weakness, wasting or lasting numbness</li>"
                        "<li>cramps alongside feeling very thirsty, passing lots of urine, or being unusually tired</li>"
                        "</ul>"
                        "<p><b>Get urgent help</b> if one calf is swollen, warm, red or painful to "
                        "touch, as this can be a sign of a blood clot. Seek help quickly, too, if "
                        "severe muscle pain comes with very dark urine.</p>"
                        "<p>A doctor may check your blood for minerals such as magnesium and "
                        "potassium, as well as kidney and thyroid function, and review your "
                        "medicines.</p>"
                    ),
                },
            },
            {"type": "heading", "value": {"text": "The takeaway", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Cramps are painful and unsettling, but they are usually short-lived and "
                    "often become less frequent with steady fluids, good food and a gentle "
                    "stretch before bed.</p>"
                    "<p>In the last part of this series we look at muscle weakness, and why "
                    "your arms and legs can feel so heavy even when the muscles themselves are "
                    "healthy.</p>"
                ),
            },
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "items": [
                        {
                            "title": "Leg cramps",
                            "source": "NHS",
                            "year": None,
                            "url": "https://www.nhs.uk/conditions/leg-cramps/",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Muscle cramp",
                            "source": "Mayo Clinic",
                            "year": None,
                            "url": "https://www.mayoclinic.org/diseases-conditions/muscle-cramp/symptoms-causes/syc-20350820",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Muscle Cramps",
                            "source": "MedlinePlus, U.S. National Library of Medicine",
                            "year": None,
                            "url": "https://medlineplus.gov/musclecramps.html",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia",
                            "source": "National Institute of Arthritis and Musculoskeletal and Skin Diseases (NIAMS)",
                            "year": None,
                            "url": "https://www.niams.nih.gov/health-topics/fibromyalgia",
                            "doi": "",
                            "pmid": "",
                        },
                    ],
                },
            },
        ],
    },
    # -- Series part 3 ------------------------------------------------------
    {
        "title": "Muscle weakness in fibromyalgia: understanding the heavy-limb feeling",
        "slug": "muscle-weakness-fibromyalgia",
        "intro": (
            "Arms that feel like lead and legs that give up halfway up the stairs are "
            "common with fibromyalgia. Here is why it happens and how to rebuild "
            "strength without a crash."
        ),
        "series_part": 3,
        "categories": ["symptoms", "living-with-fibromyalgia"],
        "tags": ["muscle pain", "fatigue", "pacing", "gentle exercise"],
        "date": "2026-10-20",
        "last_reviewed": "2026-10-13",
        "hero_alt": "Warm ochre and cream bands resting on one another like a limb at rest",
        "hero_colors": ["#b07a3a", "#f7efe1"],
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>Some days a bag of shopping feels twice its real weight. Holding a "
                    "hairdryer becomes a workout, and a flight of stairs needs a rest at the "
                    "top.</p>"
                    "<p>In this final part of our muscle series, we explore why fibromyalgia "
                    "can make muscles feel weak, what that weakness usually does and does not "
                    "mean, and how to build strength back in small, safe steps.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "What fibromyalgia weakness is (and is not)", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>The first thing to know is reassuring. Fibromyalgia does not damage or "
                    "waste away your muscles. When doctors test the muscle tissue of people with "
                    "fibromyalgia, it generally looks healthy.</p>"
                    "<p>The weakness comes mostly from how the brain, nerves and muscles work "
                    "together, and from the deep tiredness that often comes with the condition. "
                    "Your muscles may be able to do the job, but using them costs far more "
                    "energy than it should, and they tire quickly.</p>"
                    "<p>That does not make the weakness any less real. It can affect "
                    "carrying, gripping, walking distances and climbing stairs, and it often "
                    "changes from day to day.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Why strength can fade", "level": "h2", "anchor": ""}},
            {
                "type": "term_list",
                "value": {
                    "heading": "Likely contributors",
                    "items": [
                        {
                            "label": "Deep fatigue",
                            "explanation": "<p>Many people with fibromyalgia also meet the description of chronic fatigue syndrome (ME/CFS), or have similar exhaustion. When the whole body is drained, muscles run out of steam early.</p>",
                        },
                        {
                            "label": "Mixed messages between brain and muscle",
                            "explanation": "<p>Fibromyalgia changes how the nervous system processes signals. The instructions to a muscle may be less efficient, so it feels weaker than it is.</p>",
                        },
                        {
                            "label": "Energy production in cells",
                            "explanation": "<p>Some researchers think the tiny power units inside cells, the mitochondria, may not work as well in fibromyalgia. This is still being studied and is not yet certain.</p>",
                        },
                        {
                            "label": "Losing fitness over time",
                            "explanation": "<p>When moving hurts, it is natural to move less. Over months, muscles that are rarely used do become smaller and weaker, which can make the next effort harder.</p>",
                        },
                    ],
                },
            },
            {"type": "heading", "value": {"text": "What the weakness can look like", "level": "h2", "anchor": ""}},
            {
                "type": "term_list",
                "value": {
                    "heading": "",
                    "items": [
                        {
                            "label": "A weak grip",
                            "explanation": "<p>Jars are hard to open, and you may drop cups or pens more often than you used to.</p>",
                        },
                        {
                            "label": "Heavy arms and legs",
                            "explanation": "<p>Limbs can feel as if they are weighted down, especially late in the day or after a poor night.</p>",
                        },
                        {
                            "label": "Wiped out by small tasks",
                            "explanation": "<p>A shower or a short walk to the shops can leave you needing to sit or lie down for a while.</p>",
                        },
                        {
                            "label": "Feeling unsteady",
                            "explanation": "<p>Tired legs and poor concentration can make you wobble, trip more easily or feel less sure on your feet.</p>",
                        },
                    ],
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": "My physio had me start with two sit-to-stands from a chair. It felt almost too easy. Six months later I can do the whole garden path without stopping.",
                    "attribution": "Helen, reader",
                },
            },
            {"type": "heading", "value": {"text": "Building strength gently", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Exercise is one of the best-supported approaches for fibromyalgia in "
                    "clinical guidelines, and the "
                    "<a href=\"https://www.niams.nih.gov/health-topics/fibromyalgia\">NIAMS overview of fibromyalgia</a> "
                    "lists it among the main treatments. The key word is <b>gradual</b>. The goal is to do a "
                    "little less than you think you can, then slowly build up, rather than "
                    "pushing hard and paying for it for days.</p>"
                ),
            },
            {
                "type": "term_list",
                "value": {
                    "heading": "Approaches that may help",
                    "items": [
                        {
                            "label": "Low-impact movement",
                            "explanation": "<p>Walking, gentle yoga, tai chi and swimming or exercising in a warm pool are kind to sore joints and muscles. Start with five minutes if that is what you can manage.</p>",
                        },
                        {
                            "label": "Light strength work",
                            "explanation": "<p>Resistance bands, tins of beans or your own body weight are enough to begin with. Aim for a few slow repetitions two or three times a week, not every day.</p>",
                        },
                        {
                            "label": "Enough protein",
                            "explanation": "<p>Muscles need protein to repair. Including some at each meal, such as eggs, yoghurt, beans, fish or tofu, can support your efforts.</p>",
                        },
                        {
                            "label": "Pacing",
                            "explanation": "<p>Split tasks into smaller chunks and rest before you are exhausted. Our pacing guide explains this in more detail.</p>",
                        },
                        {
                            "label": "Expert guidance",
                            "explanation": "<p>A physiotherapist who understands fibromyalgia can set a starting level and adjust it as you go.</p>",
                        },
                    ],
                },
            },
            {"type": "heading", "value": {"text": "Making daily tasks lighter", "level": "h3", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Building strength takes months, so it helps to make the load lighter "
                    "in the meantime. This is not giving in; it frees up energy for the "
                    "things you care about.</p>"
                    "<p>Small aids can make a real difference: a jar opener, a wheeled "
                    "shopping bag, a perching stool in the kitchen, or a shower seat. Buy "
                    "smaller packs of heavy items, keep everyday things between hip and "
                    "shoulder height, and slide pans along the worktop instead of lifting "
                    "them. An occupational therapist can suggest more ideas for your home.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Finding your starting point", "level": "h3", "anchor": ""}},
            {
                "type": "callout",
                "value": {
                    "kind": "tip",
                    "title": "Use your worst week, not your best day",
                    "body": (
                        "<p>Think of an amount of activity you could manage even during a difficult "
                        "week. Start there, and stay at that level for a week or two before adding "
                        "a little more, for example one extra minute of walking.</p>"
                        "<p>If you feel much worse the next day, drop back a step. That is part of "
                        "the process, not a failure.</p>"
                    ),
                },
            },
            {
                "type": "callout",
                "value": {
                    "kind": "doctor",
                    "title": "When to see a doctor",
                    "body": (
                        "<p>Weakness that fits your usual fibromyalgia pattern is common. Still, "
                        "talk to your doctor if you notice:</p>"
                        "<ul>"
                        "<li>weakness that is steadily getting worse over weeks or months</li>"
                        "<li>muscles that look visibly thinner, or twitch constantly</li>"
                        "<li>drooping eyelids, double vision, or trouble chewing or swallowing</li>"
                        "<li>falls, or trouble getting up from a chair without using your arms</li>"
                        "<li>weakness that makes everyday tasks hard to manage safely</li>"
                        "</ul>"
                        "<p><b>Call emergency services</b> for sudden weakness or numbness, "
                        "especially on one side of the body, or with slurred speech or a drooping "
                        "face.</p>"
                        "<p>To rule out other causes, such as an underactive thyroid, lupus, "
                        "myasthenia gravis or multiple sclerosis, your doctor may suggest blood "
                        "work (for example thyroid levels or a muscle enzyme called CK), a test "
                        "of how well your nerves carry signals, or an MRI scan.</p>"
                    ),
                },
            },
            {"type": "heading", "value": {"text": "The takeaway", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Feeling weak with fibromyalgia is frustrating, but it rarely means your "
                    "muscles are damaged. With gentle, regular movement, enough rest and good "
                    "food, many people slowly regain strength.</p>"
                    "<p>That brings our series on muscle symptoms to a close. Knots, cramps and "
                    "weakness often overlap, and the same foundations help all three: warmth, "
                    "fluids, sleep, steady movement and kindness to yourself on harder days.</p>"
                ),
            },
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "items": [
                        {
                            "title": "Fibromyalgia",
                            "source": "NHS",
                            "year": None,
                            "url": "https://www.nhs.uk/conditions/fibromyalgia/",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia",
                            "source": "National Institute of Arthritis and Musculoskeletal and Skin Diseases (NIAMS)",
                            "year": None,
                            "url": "https://www.niams.nih.gov/health-topics/fibromyalgia",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "EULAR revised recommendations for the management of fibromyalgia",
                            "source": "Annals of the Rheumatic Diseases",
                            "year": 2017,
                            "url": "",
                            "doi": "10.1136/annrheumdis-2016-209724",
                            "pmid": "27377815",
                        },
                        {
                            "title": "Fibromyalgia: a clinical review",
                            "source": "JAMA",
                            "year": 2014,
                            "url": "",
                            "doi": "10.1001/jama.2014.3266",
                            "pmid": "24737367",
                        },
                    ],
                },
            },
        ],
    },
    # -- Standalone: pacing -------------------------------------------------
    {
        "title": "Pacing: a gentle guide to saving energy on bad days",
        "slug": "pacing-saving-energy",
        "intro": (
            "Pacing means spending your energy on purpose instead of running out. "
            "This short guide shows how to start, even when you feel you have "
            "nothing to spare."
        ),
        "series_part": None,
        "categories": ["self-care", "living-with-fibromyalgia"],
        "tags": ["pacing", "fatigue", "self-care", "energy"],
        "date": "2026-11-03",
        "last_reviewed": "2026-10-27",
        "hero_alt": "Sage green and soft white stepping-stone shapes crossing a calm background",
        "hero_colors": ["#5e7d63", "#f4f1ea"],
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>On a good day it is tempting to catch up on everything: the washing, "
                    "the emails, the trip to the shops. Then the next two days disappear into "
                    "exhaustion and pain.</p>"
                    "<p>This up-and-down pattern is sometimes called <b>boom and bust</b>. "
                    "Pacing is a way of smoothing it out, so that your energy lasts longer and "
                    "your bad days are a little less bad.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "What pacing means", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Think of your energy as a budget. Everything costs something: standing "
                    "to cook, concentrating on a phone call, even a difficult conversation.</p>"
                    "<p>Pacing means planning how you spend that budget, and stopping "
                    "<i>before</i> you are overdrawn rather than after. It is not about doing "
                    "less forever. Done well, it can help you slowly do more.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Getting started", "level": "h2", "anchor": ""}},
            {
                "type": "term_list",
                "value": {
                    "heading": "Five pacing tools",
                    "items": [
                        {
                            "label": "An activity diary",
                            "explanation": "<p>For one week, note what you did each hour and rate your energy from 0 to 10. Patterns, like a crash every Thursday, often jump out.</p>",
                        },
                        {
                            "label": "Your baseline",
                            "explanation": "<p>Find an amount of an activity you can do on most days without a flare afterwards. That is your starting level, even if it feels small.</p>",
                        },
                        {
                            "label": "Breaking tasks up",
                            "explanation": "<p>Peel the vegetables sitting down, rest, then cook. Clean one room, not the whole flat. Small pieces cost less than one big push.</p>",
                        },
                        {
                            "label": "Planned rests",
                            "explanation": "<p>Schedule short rests before you need them, such as ten minutes lying down with your eyes closed after lunch. Scrolling on your phone does not count as rest.</p>",
                        },
                        {
                            "label": "Mixing activity types",
                            "explanation": "<p>Alternate physical tasks with mental or social ones, and with rest. Your body and brain tire in different ways.</p>",
                        },
                    ],
                },
            },
            {
                "type": "callout",
                "value": {
                    "kind": "tip",
                    "title": "Set a timer",
                    "body": (
                        "<p>Brain fog makes it easy to lose track of time once you get going. "
                        "Set a gentle alarm for 15 or 20 minutes when you start a task. When it "
                        "rings, stop and rest, even if you feel fine. Feeling fine is often the "
                        "moment just before the crash.</p>"
                    ),
                },
            },
            {"type": "heading", "value": {"text": "Pacing on a bad day", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>On a flare day, shrink the plan. Pick <b>one</b> thing that matters "
                    "most, such as eating a proper meal or taking your medicines on time, and "
                    "let the rest wait.</p>"
                    "<p>Keep a “bad day box” ready in advance: easy snacks, a water bottle, "
                    "a heat pad, chargers and something comforting to watch or listen to. "
                    "Preparing it on a better day is a gift to your future self.</p>"
                ),
            },
            {
                "type": "quote",
                "value": {
                    "text": "I stopped asking what I should get done today and started asking what I can afford today. It changed everything.",
                    "attribution": "Amara, reader",
                },
            },
            {"type": "heading", "value": {"text": "Talking to others about pacing", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Friends, family and employers may not understand why you leave a "
                    "party early or take breaks when you look well. It can help to explain "
                    "that resting now means you can join in tomorrow.</p>"
                    "<p>At work, ask whether small adjustments are possible, such as flexible "
                    "hours, a chair at a standing task or a quiet space for short breaks. An "
                    "occupational therapist can help you plan these changes.</p>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Pacing takes practice, and nobody gets it right every day. Be patient "
                    "with yourself, and adjust as you learn what your body is telling you.</p>"
                ),
            },
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "items": [
                        {
                            "title": "Fibromyalgia",
                            "source": "NHS",
                            "year": None,
                            "url": "https://www.nhs.uk/conditions/fibromyalgia/",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia",
                            "source": "Centers for Disease Control and Prevention (CDC)",
                            "year": None,
                            "url": "https://www.cdc.gov/arthritis/fibromyalgia/",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "EULAR revised recommendations for the management of fibromyalgia",
                            "source": "Annals of the Rheumatic Diseases",
                            "year": 2017,
                            "url": "",
                            "doi": "10.1136/annrheumdis-2016-209724",
                            "pmid": "27377815",
                        },
                    ],
                },
            },
        ],
    },
    # -- Standalone: sleep --------------------------------------------------
    {
        "title": "Sleep and fibromyalgia: small changes that help",
        "slug": "sleep-and-fibromyalgia",
        "intro": (
            "Waking up as tired as you went to bed is one of the hardest parts of "
            "fibromyalgia. These small, realistic changes can make nights a little "
            "more restful."
        ),
        "series_part": None,
        "categories": ["self-care", "research"],
        "tags": ["sleep", "fatigue", "self-care", "routines"],
        "date": "2026-11-24",
        "last_reviewed": "2026-11-17",
        "hero_alt": "Midnight blue and soft moonlight-grey circles drifting across a quiet background",
        "hero_colors": ["#23375a", "#dfe4ee"],
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>Many people with fibromyalgia sleep for hours and still wake up feeling "
                    "unrested. Research suggests that deep, restoring sleep is often lighter or "
                    "more broken in fibromyalgia, even when the total time in bed looks normal.</p>"
                    "<p>Poor sleep can make pain, tiredness and brain fog worse the next day. The "
                    "good news is that small changes to your routine can help, and they build on "
                    "each other over time.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Why sleep matters so much", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>During deep sleep the body repairs tissue and the brain clears the day’s "
                    "clutter. When that stage is cut short, pain signals can feel louder and "
                    "concentration slips.</p>"
                    "<p>Improving sleep will not cure fibromyalgia, but for many people it is one "
                    "of the changes that makes the biggest difference to how the day feels.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "Changes worth trying", "level": "h2", "anchor": ""}},
            {
                "type": "term_list",
                "value": {
                    "heading": "",
                    "items": [
                        {
                            "label": "A steady wake-up time",
                            "explanation": "<p>Getting up at roughly the same time every day, weekends included, helps set your body clock. This matters more than the time you go to bed.</p>",
                        },
                        {
                            "label": "A wind-down hour",
                            "explanation": "<p>Dim the lights, put screens away and do something calm, such as a warm bath, gentle stretching or an audiobook.</p>",
                        },
                        {
                            "label": "Caffeine before noon",
                            "explanation": "<p>Caffeine can stay in your system for many hours. Try keeping coffee, tea and cola to the morning.</p>",
                        },
                        {
                            "label": "A comfortable bedroom",
                            "explanation": "<p>Cool, dark and quiet works best for most people. Extra pillows between the knees or under the arms can take pressure off sore spots.</p>",
                        },
                        {
                            "label": "Short, early naps",
                            "explanation": "<p>If you need to nap, keep it to about 20 to 30 minutes and before mid-afternoon, so it does not steal from your night.</p>",
                        },
                    ],
                },
            },
            {
                "type": "callout",
                "value": {
                    "kind": "tip",
                    "title": "If you cannot get to sleep",
                    "body": (
                        "<p>If you have been lying awake for what feels like 20 minutes, get up "
                        "and do something quiet in low light until you feel sleepy. Then go back "
                        "to bed. This teaches your brain that bed is for sleeping, not for "
                        "worrying.</p>"
                    ),
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": "The fixed wake-up time was hard for the first fortnight. Now I actually feel drowsy at bedtime, which hadn’t happened in years.",
                    "attribution": "Jonas, reader",
                },
            },
            {"type": "heading", "value": {"text": "Easing pain at night", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Pain is one of the most common reasons for waking. A warm shower or "
                    "a heat pad for a short while before bed can loosen stiff muscles. Turn "
                    "electric heat pads off before you fall asleep.</p>"
                    "<p>A softer mattress topper can spread pressure more evenly if your hips "
                    "and shoulders ache when you lie on your side. If you take pain relief, ask "
                    "your pharmacist whether the timing of your doses could be adjusted to "
                    "cover the night better.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "When to ask for more help", "level": "h2", "anchor": ""}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Tell your doctor if sleep problems go on for weeks despite these changes. "
                    "Other conditions that disturb sleep, such as sleep apnoea or restless legs, "
                    "are common alongside fibromyalgia and can be treated.</p>"
                    "<p>A talking therapy called CBT for insomnia (CBT-I) has good evidence "
                    "behind it (see the <a href=\"https://www.nhs.uk/conditions/insomnia/\">NHS guide to insomnia</a>) and is available in some areas, including online. Your doctor may "
                    "also review medicines that could be affecting your sleep.</p>"
                    "<p>Loud snoring, gasping or pauses in breathing at night are worth "
                    "mentioning soon, especially if you feel very sleepy during the day.</p>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Choose one change to start with and give it two weeks. Sleep habits "
                    "shift slowly, and small steps are easier to keep going on tired days.</p>"
                ),
            },
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "items": [
                        {
                            "title": "Insomnia",
                            "source": "NHS",
                            "year": None,
                            "url": "https://www.nhs.uk/conditions/insomnia/",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia",
                            "source": "MedlinePlus, U.S. National Library of Medicine",
                            "year": None,
                            "url": "https://medlineplus.gov/fibromyalgia.html",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia",
                            "source": "National Institute of Arthritis and Musculoskeletal and Skin Diseases (NIAMS)",
                            "year": None,
                            "url": "https://www.niams.nih.gov/health-topics/fibromyalgia",
                            "doi": "",
                            "pmid": "",
                        },
                        {
                            "title": "Fibromyalgia: a clinical review",
                            "source": "JAMA",
                            "year": 2014,
                            "url": "",
                            "doi": "10.1001/jama.2014.3266",
                            "pmid": "24737367",
                        },
                    ],
                },
            },
        ],
    },
]
