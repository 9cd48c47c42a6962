"""Every UI string key the screens ask for, and the {placeholders} each may hold.

``kiosk content check``, ``--self-test`` and the app's own content load
refuse a ``ui.yaml`` that lacks one of these keys (so a gap never reaches a
button as a raw key) or whose text holds a ``{placeholder}`` the code does
not fill. Built from the code's uses: ``tests/test_ui_keys.py`` reads every
``strings(...)`` call under ``kiosk/`` and fails when a key the code asks for
is missing here, or a placeholder listed here is one the call does not pass.
A key ending in ``_one`` (the plural for a count of 1) is optional: without
it the plain key is used. Qt-free, and no YAML.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

PLURAL_SUFFIX = "_one"

REQUIRED_UI_KEYS: Mapping[str, tuple[str, ...]] = {
    # caption
    "caption.eyelid": (),
    "caption.get_help_now": (),
    "caption.how_common": (),
    "caption.long_lasting": (),
    "caption.medicines": (),
    "caption.minerals": (),
    "caption.nerves": (),
    "caption.see_doctor": (),
    "caption.self_care": (),
    "caption.triggers": (),
    "caption.what_is": (),
    # checklist
    "checklist.answer_chosen_accessible": ("answer",),
    "checklist.any_of_these": (),
    "checklist.back_accessible": (),
    "checklist.back_to_intro_accessible": (),
    "checklist.help_now": (),
    "checklist.help_now_accessible": (),
    "checklist.intro_adults": (),
    "checklist.intro_no_diagnosis": (),
    "checklist.intro_time": (),
    "checklist.intro_title": (),
    "checklist.next": (),
    "checklist.none_of_these": (),
    "checklist.not_sure": (),
    "checklist.progress": ("n", "total"),
    "checklist.start": (),
    "checklist.yes_one": (),
    # display
    "display.contrast_off": (),
    "display.contrast_off_accessible": (),
    "display.contrast_on": (),
    "display.contrast_on_accessible": (),
    "display.language_accessible": ("name",),
    "display.menu": (),
    "display.menu_accessible": (),
    "display.size_extra_large": (),
    "display.size_large": (),
    "display.size_normal": (),
    "display.speak": (),
    "display.speak_accessible": (),
    "display.stop": (),
    "display.stop_accessible": (),
    "display.text_size_accessible": ("size",),
    "display.text_size_now": ("size",),
    # emergency
    "emergency.asked": (),
    "emergency.call_away": ("emergency_number",),
    "emergency.show_front_desk": (),
    "emergency.staff_hold": (),
    "emergency.staff_hold_accessible": (),
    # explainer
    "explainer.back_accessible": (),
    "explainer.done": (),
    "explainer.next_steps": (),
    "explainer.progress": ("n", "total"),
    "explainer.read_all": (),
    "explainer.read_all_accessible": (),
    "explainer.sources": ("ids",),
    "explainer.step_checklist": (),
    "explainer.step_handout": (),
    "explainer.tile_accessible": ("title",),
    "explainer.topics": (),
    "explainer.topics_accessible": (),
    "explainer.topics_hint": (),
    "explainer.topics_title": (),
    # handout_screen
    "handout_screen.back": (),
    "handout_screen.cannot_build": (),
    "handout_screen.file_name": (),
    "handout_screen.include_result": (),
    "handout_screen.intro": (),
    "handout_screen.large_print": (),
    "handout_screen.on": (),
    "handout_screen.off": (),
    "handout_screen.preview_accessible": (),
    "handout_screen.print": (),
    "handout_screen.print_failed": ("reason",),
    "handout_screen.print_failed_save": ("reason",),
    "handout_screen.print_problems.bad_copies": (),
    "handout_screen.print_problems.no_answer": (),
    "handout_screen.print_problems.no_printer": (),
    "handout_screen.print_problems.not_set_up": (),
    "handout_screen.print_problems.other": (),
    "handout_screen.print_problems.refused": (),
    "handout_screen.print_problems.stopped": (),
    "handout_screen.print_problems.unknown_printer": (),
    "handout_screen.print_problems.unreadable": (),
    "handout_screen.printed": ("printer",),
    "handout_screen.printed_desk": (),
    "handout_screen.printing": (),
    "handout_screen.save": (),
    "handout_screen.save_dialog_filter": (),
    "handout_screen.save_dialog_title": (),
    "handout_screen.save_failed": ("reason",),
    "handout_screen.save_problems.disk_full": (),
    "handout_screen.save_problems.name_taken": (),
    "handout_screen.save_problems.no_folder": (),
    "handout_screen.save_problems.other": (),
    "handout_screen.save_problems.read_only": (),
    "handout_screen.saved": ("path",),
    "handout_screen.sending": (),
    "handout_screen.title": (),
    "handout_screen.waiting": (),
    # idle
    "idle.message": ("seconds",),
    "idle.still_here": (),
    "idle.title": (),
    # level
    "level.accessible": ("level",),
    "level.basic": (),
    "level.detailed": (),
    "level.standard": (),
    # nav
    "nav.back": (),
    "nav.home": (),
    "nav.home_accessible": (),
    "nav.next": (),
    # result
    "result.action_heading": (),
    "result.finished": (),
    "result.finished_accessible": (),
    "result.handout": (),
    "result.no_diagnosis": (),
    "result.safety_net_heading": (),
    "result.start_over": (),
    "result.start_over_accessible": (),
    # review (issue 17: the staff screen's review lines and banner, the handout's footer)
    "review.banner_changed": ("language", "date", "files"),
    "review.banner_draft": ("language",),
    "review.banner_how": (),
    "review.banner_invalid": ("language",),
    "review.banner_overdue": ("language", "due"),
    "review.date_format": (),
    "review.handout_line": ("role", "date", "due"),
    "review.pending": ("language",),
    "review.reviewed": ("language", "role", "reviewer", "date", "due"),
    "review.title": (),
    # staff
    "staff.clinic_name": (),
    "staff.clinic_phone": (),
    "staff.copies": ("n",),
    "staff.counts_damaged": ("details",),
    "staff.counts_levels": ("values",),
    "staff.counts_none": (),
    "staff.counts_printed": ("n",),
    "staff.counts_saved": ("n",),
    "staff.counts_sessions": ("n",),
    "staff.counts_tiers": ("values",),
    "staff.counts_title": (),
    "staff.damaged": ("details",),
    "staff.emergency_number": (),
    "staff.exit": (),
    "staff.idle": (),
    "staff.language": (),
    "staff.leave": (),
    "staff.level": (),
    "staff.no_printers": (),
    "staff.paper": (),
    "staff.paper_a4": (),
    "staff.paper_letter": (),
    "staff.print": (),
    "staff.print_busy": (),
    "staff.print_done": ("copies", "printer"),
    "staff.print_error": ("reason",),
    "staff.print_sent": ("copies",),
    "staff.printer": (),
    "staff.printer_default": (),
    "staff.printer_label": (),
    "staff.printing": (),
    "staff.quick_print": (),
    "staff.save": (),
    "staff.save_failed": ("reason",),
    "staff.saved": (),
    "staff.seconds": ("n",),
    "staff.space": (),
    "staff.title": (),
    # staff_pin
    "staff_pin.cancel": (),
    "staff_pin.clear": (),
    "staff_pin.locked": ("time",),
    "staff_pin.not_set": (),
    "staff_pin.ok": (),
    "staff_pin.prompt": (),
    "staff_pin.title": (),
    "staff_pin.wrong": ("tries",),
    # start
    "start.checklist": (),
    "start.handout": (),
    "start.learn": (),
    # teach_back
    "teach_back.done": (),
    "teach_back.done_accessible": (),
    "teach_back.handout": (),
    "teach_back.leave": (),
    "teach_back.leave_accessible": (),
    "teach_back.next_question": (),
    "teach_back.not_quite": (),
    "teach_back.offer": (),
    "teach_back.offer_accessible": (),
    "teach_back.progress": ("n", "total"),
    "teach_back.see_summary": (),
    "teach_back.staff_line": ("n", "question", "right"),
    "teach_back.staff_none": (),
    "teach_back.staff_title": (),
    "teach_back.summary_title": (),
    "teach_back.tile_accessible": ("caption",),
    "teach_back.try_again": (),
}


def check_ui_strings(ui: Mapping[str, str], problem: Callable[[str, str], None]) -> None:
    """Report each required key ``ui`` lacks and each placeholder nothing fills."""
    for key in REQUIRED_UI_KEYS:
        if key not in ui:
            problem(key, "missing (the screens show it; kiosk/content/ui_keys.py lists it)")
    for key, text in ui.items():
        base = key.removesuffix(PLURAL_SUFFIX)
        allowed = REQUIRED_UI_KEYS.get(key, REQUIRED_UI_KEYS.get(base))
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as exc:
            problem(key, f"bad {{placeholder}} ({exc}; write a brace as {{{{ or }}}})")
            continue
        if allowed is None:
            continue  # a key no screen asks for: never shown, never filled
        for name in sorted(names - set(allowed)):
            valid = ", ".join(f"{{{n}}}" for n in allowed) or "none"
            problem(key, f"unknown placeholder {{{name}}} (valid here: {valid})")
