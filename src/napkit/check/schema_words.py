"""The titles of the schemas' fields, marked for the catalogues: a schema message names
the field it is about by its title ("Plan status"), in the reader's words. A test checks
that every title of the schemas is here, and every description a message quotes: the
first sentence of a required field's (what to add) and a pattern's (how to write it)."""

from __future__ import annotations

from napkit.i18n import N_

TITLES = (
    N_("Activities"),
    N_("Activities may run into the next year"),
    N_("Activity"),
    N_("Activity id"),
    N_("Activity status"),
    N_("Amount"),
    N_("Amount needed"),
    N_("Amount of money"),
    N_("Baseline"),
    N_("Bodies"),
    N_("Body"),
    N_("Body id"),
    N_("Breakdown"),
    N_("Budget"),
    N_("Budget note"),
    N_("Categories"),
    N_("Category"),
    N_("Category id"),
    N_("Code"),
    N_("Contact unit"),
    N_("Continues"),
    N_("Country"),
    N_("Currency"),
    N_("Currency of the funding"),
    N_("Digits of each language"),
    N_("Date"),
    N_("Days allowed"),
    N_("Decimals of each currency"),
    N_("Description"),
    N_("Dimension"),
    N_("Dimension id"),
    N_("Disaggregations"),
    N_("Drafts sent back"),
    N_("End date"),
    N_("Exchange rates"),
    N_("First day of the plan year"),
    N_("First year"),
    N_("Funder"),
    N_("Funding"),
    N_("Funding source"),
    N_("Funding status"),
    N_("GitHub user or team"),
    N_("Id"),
    N_("Implementing bodies"),
    N_("Indicator"),
    N_("Indicator id"),
    N_("Indicator value"),
    N_("Indicator values"),
    N_("Indicator values by category"),
    N_("Indicators"),
    N_("Jurisdiction"),
    N_("Jurisdiction id"),
    N_("Jurisdictions"),
    N_("Kind"),
    N_("Kind of source"),
    N_("Language"),
    N_("Language code"),
    N_("Languages"),
    N_("Last year"),
    N_("Level"),
    N_("Level id"),
    N_("Levels of objectives"),
    N_("Licence"),
    N_("Licence address"),
    N_("Licence id"),
    N_("Licence name"),
    N_("Location"),
    N_("Locations"),
    N_("Maintainers"),
    N_("Means of verification"),
    N_("Milestones"),
    N_("Money spent"),
    N_("Name"),
    N_("National Action Plan framework"),
    N_("No budget, because"),
    N_("Note"),
    N_("Notes"),
    N_("Objective id"),
    N_("Objectives"),
    N_("Objectives of the next level"),
    N_("Partners"),
    N_("Period"),
    N_("Pillar"),
    N_("Pillar id"),
    N_("Pillars"),
    N_("Plan id"),
    N_("Plan status"),
    N_("Plan year"),
    N_("Planning round"),
    N_("Planning rounds"),
    N_("Plural"),
    N_("Progress report"),
    N_("Progress reports"),
    N_("Reporting"),
    N_("Reporting currency"),
    N_("Reporting period"),
    N_("Reporting periods"),
    N_("Responsible unit"),
    N_("Reviewers"),
    N_("Seat"),
    N_("Short name"),
    N_("Start date"),
    N_("Strategic objective"),
    N_("Strategic objectives"),
    N_("Submission date"),
    N_("Supporting bodies"),
    N_("Target"),
    N_("Target by category"),
    N_("Target year"),
    N_("Task Force chairs"),
    N_("Text"),
    N_("Title"),
    N_("Unit"),
    N_("What is measured"),
    N_("Writing direction"),
    N_("Year"),
    N_("Yearly plan of one implementing body"),
)

# What a message says to add or how to write a value, from the schemas' descriptions.
HINTS = (
    N_("A GitHub user (@name) or team (@organisation/team)."),
    N_("A calendar date written YYYY-MM-DD, for example 2025-05-01."),
    N_("A short code: letters, digits and single hyphens, for example A1 or I2."),
    N_(
        "A short id: lowercase letters a-z, digits and single hyphens, for example nat-health. No spaces, dots or slashes."
    ),
    N_("An ISO 3166-2 code, for example CA-ON, or the country code for the whole country."),
    N_(
        "GitHub users or teams (@name or @organisation/team) who approve changes to this body's plans"
    ),
    N_("Month and day, written MM-DD, for example 04-01 for 1 April."),
    N_("The ISO 3166-1 two-letter code of the country, for example IQ."),
    N_("The ISO 4217 code of the currency totals are reported in, for example EUR."),
    N_(
        "The id of the activity of an earlier year that this one carries on, written body-year-id, for example nat-health-2024-A3."
    ),
    N_(
        "The id of the strategic objective of that pillar, as listed in plans/nap.yaml, for example protection.2. Where plans/nap.yaml declares levels, an objective of the lowest level, for example protection.2.1."
    ),
    N_("The language's code: ISO 639 (en, fr) or a BCP 47 tag, for example pt-BR."),
    N_(
        "The licence's short id as the Open Definition or SPDX lists it, for example CC-BY-4.0 or ODC-BY-1.0."
    ),
    N_(
        "The pillar id, a dot, and a short code, for example protection.2; one more dot and code for each level below, for example protection.2.1. In a plan without pillars, the highest objectives have ids of their own, for example outcome-1."
    ),
    N_(
        "The three-letter ISO 4217 code of the currency this source pays in, if it is not the budget's currency. The master plan converts it with the plan year's exchange rates from plans/nap.yaml and keeps both amounts."
    ),
    N_(
        "The three-letter ISO 4217 code of the currency, for example EUR or USD. plans/nap.yaml must give an exchange rate for it for the plan year."
    ),
    N_("The web address of the licence's text."),
    N_("The year and one of the reporting periods listed in plans/nap.yaml, for example 2025-Q3."),
    N_(
        "a short code for the activity, unique in this plan and never reused for another activity, for example A1"
    ),
    N_("a short code, unique within the activity, for example I1"),
    N_("a short id for the National Action Plan"),
    N_("a short id, for example federal"),
    N_("a short id, for example outcome"),
    N_("a short id, for example protection"),
    N_("a short id, for example sex"),
    N_("a short id, for example women"),
    N_("a short id, used as the plan's file name: plans/<year>/<id>.yaml"),
    N_("an ISO 3166-2 code, for example CA-ON, or the country code for the whole country"),
    N_(
        "committed (agreed and available), pledged (promised but not yet agreed) or requested (asked for, no answer yet)"
    ),
    N_("every ministry or institution that writes a yearly plan"),
    N_("government (the state budget), donor (a foreign government, UN agency or fund) or other"),
    N_("how and when plans and progress are reported"),
    N_("how many days the bodies have from that date to submit their final plans"),
    N_(
        "how much this source gives, in the budget's currency, or in the currency below if one is given"
    ),
    N_("ltr for left-to-right, rtl for right-to-left (Arabic, Hebrew, Persian)"),
    N_("ministry, department, council, institution or office"),
    N_("month and day, written MM-DD, for example 04-01 for 1 April"),
    N_("not-started, on-track, delayed, completed or cancelled"),
    N_(
        "number (a count or amount), percent (0 to 100), yes-no (true or false) or text (a qualitative indicator, described in words)"
    ),
    N_("the ISO 4217 code of the currency totals are reported in, for example EUR"),
    N_("the activities the body will carry out this year"),
    N_("the body's full name"),
    N_("the categories that together make the whole, for example women and men"),
    N_("the category's name as readers see it"),
    N_("the date the formatted drafts were sent back to the bodies, YYYY-MM-DD"),
    N_("the dimension's name as readers see it"),
    N_("the first and last year the plan covers"),
    N_("the first year of the plan"),
    N_(
        "the governments that implement the plan, each with the Task Force chairs that collect its bodies' plans"
    ),
    N_("the id of the jurisdiction (from plans/nap.yaml) the body belongs to"),
    N_("the id of the ministry or institution that owns this plan, as listed in plans/bodies.yaml"),
    N_(
        "the id of the strategic objective of that pillar, as listed in plans/nap.yaml, for example protection.2"
    ),
    N_(
        "the ids of the bodies (from plans/bodies.yaml) that chair the Task Force for this jurisdiction and receive the plans"
    ),
    N_("the indicator in a sentence, for example: number of police officers trained"),
    N_("the jurisdiction's name"),
    N_(
        "the labels of the periods progress is reported for within a year, for example Q1, Q2, Q3, Q4"
    ),
    N_("the language's code: ISO 639 (en, fr) or a BCP 47 tag, for example pt-BR"),
    N_("the language's name written in that language, for example العربية"),
    N_("the languages plan text may be written in"),
    N_("the last year of the plan"),
    N_("the level's name as readers see it, for example Outcome"),
    N_(
        "the licence's id, for example CC-BY-4.0, or, for a licence of your own, its address as path"
    ),
    N_(
        "the licence's short id as the Open Definition or SPDX lists it, for example CC-BY-4.0 or ODC-BY-1.0"
    ),
    N_("the name of the National Action Plan"),
    N_("the objective in a sentence"),
    N_(
        "the pillar id, a dot, and a short code, for example protection.2; one more dot and code for each level below, for example protection.2.1"
    ),
    N_("the pillar's name"),
    N_("the pillar's strategic objectives"),
    N_("the place's name"),
    N_("the plan year"),
    N_("the three-letter ISO 4217 code of the currency, for example EUR or USD"),
    N_("the total cost of the activity, in the currency below, as a plain number"),
    N_("the year and one of the reporting periods listed in plans/nap.yaml, for example 2025-Q3"),
    N_("the year this plan covers"),
    N_("what the activity is, in a sentence"),
    N_(
        "where the plan is in the yearly cycle: draft (being written), submitted (sent to the Task Force chair), finalized (corrected after review) or approved (accepted into the master plan)"
    ),
)
