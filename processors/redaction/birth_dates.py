"""Dates of birth: a date right after words that say it is one.

A date alone is not personal (orders, deliveries, appointments are dated), so
only dates introduced by "born", "DOB", "date of birth" and their German,
French, Spanish, Italian and Dutch counterparts are redacted.
"""

from __future__ import annotations

import re

from processors.redaction.recogniser import PatternRecogniser

_MONTHS = (r"(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch|s|zo)?|märz|apr(?:il)?|avr(?:il)?"
           r"|may|mai|maggio|mayo|jun(?:e|i|io)?|juin|jul(?:y|i)?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?"
           r"|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|déc(?:embre)?|enero|febrero|abril"
           r"|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|giugno|luglio"
           r"|settembre|ottobre|dicembre)\.?")
_DATE = (rf"(?:\d{{4}}[./-]\d{{1,2}}[./-]\d{{1,2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}"
         rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{_MONTHS},?\s+(?:de\s+)?\d{{4}}"
         rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
_CUE = (r"(?:born(?:\s+on)?|birth\s?day|birth\s?date|date\s+of\s+birth|d\.?o\.?b\.?|geboren(?:\s+am)?"
        r"|geburtsdatum|n[ée]e?\s+le|date\s+de\s+naissance|fecha\s+de\s+nacimiento|nacid[oa]\s+el"
        r"|data\s+di\s+nascita|nat[oa]\s+il|geboortedatum|geboren\s+op)")

BIRTH_DATE = PatternRecogniser(
    "dob", re.compile(rf"(?i)\b{_CUE}\b[^\n\d]{{0,20}}?({_DATE})"), group=1)
