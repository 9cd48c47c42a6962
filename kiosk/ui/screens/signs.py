"""The checklist's sign screens: one group of same-tier signs per screen.

Each screen shows one group of ``kiosk.triage.ASKING_GROUPS`` (CONTENT_BRIEF
§4 rule 7). Every sign is a card with its picture, question, parts as
bullets and two answers, "Yes" and "Not sure". One button below, "No, none
of these" (it reads "Next" once a card is answered), goes on and answers
every untouched sign "No". A visitor with no red flags taps once per screen,
and every sign keeps its own id and answer.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Answer, Question
from kiosk.triage import ASKING_GROUPS, visible_groups
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.checklist import (
    ANSWER_BUTTON_PX,
    current_group,
    current_index,
    help_now_button,
    set_help_now_text,
)
from kiosk.ui.theme import ink
from kiosk.ui.widgets.buttons import big_button, label, set_button_text
from kiosk.ui.widgets.picture import PictureLabel
from kiosk.ui.widgets.scrolling import scroll_area

ANSWER_GAP_PX = 16
# The two answers on each sign's card; "No" is the screen's own button.
CARD_ANSWERS = (Answer.YES, Answer.UNSURE)


class SignCard(QFrame):
    """One sign: its picture, question, parts and hint, and Yes / Not sure."""

    answered = Signal(str, object)  # sign id, Answer or None (taken back)

    def __init__(self, sign_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sign_id = sign_id
        self.setObjectName(f"card_{sign_id}")
        self.setProperty("role", "sign_card")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(20)
        self.picture = PictureLabel(sign_id, object_name=f"picture_{sign_id}")
        outer.addWidget(self.picture, 0)
        column = QVBoxLayout()
        column.setSpacing(8)
        self.text = label("question", object_name=f"question_{sign_id}")
        self.parts = label("body", object_name=f"parts_{sign_id}")
        self.hint = label("small", object_name=f"hint_{sign_id}")
        for widget in (self.text, self.parts, self.hint):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.setSpacing(ANSWER_GAP_PX)
        self.buttons: dict[Answer, QPushButton] = {}
        for answer in CARD_ANSWERS:
            button = big_button(role="answer", object_name=f"answer_{sign_id}_{answer.value}")
            button.setMinimumHeight(ANSWER_BUTTON_PX)
            button.setCheckable(True)
            button.clicked.connect(lambda on=False, a=answer: self._tapped(a, on))
            row.addWidget(button)
            self.buttons[answer] = button
        column.addLayout(row)
        outer.addLayout(column, 1)

    def _tapped(self, answer: Answer, on: bool) -> None:
        self.answered.emit(self.sign_id, answer if on else None)

    def show_question(self, ctx: ScreenContext, question: Question) -> None:
        """Draw ``question`` at the session's level, with its answer (if any) checked."""
        strings = ctx.strings
        level = ctx.session.level
        self.text.setText(question.text[level])
        parts = question.parts_at(level)
        self.parts.setText("\n".join(f"\u2022 {part}" for part in parts))
        self.parts.setVisible(bool(parts))
        hint = question.hint.get(level, "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.picture.set_ink(ink(ctx.session.high_contrast))
        self.picture.set_description(" ".join([question.text[level], *parts]))
        given = ctx.session.answers.get(self.sign_id)
        for answer, button in self.buttons.items():
            name = strings("checklist.yes_one" if answer is Answer.YES else "checklist.not_sure")
            chosen = given is answer
            spoken = f"{name}: {question.text[level]}"
            if chosen:
                spoken = strings("checklist.answer_chosen_accessible", answer=spoken)
            set_button_text(button, name, spoken)
            button.setChecked(chosen)

    def clear(self) -> None:
        """Nothing chosen (the card is not on show)."""
        for button in self.buttons.values():
            button.setChecked(False)

    def speech_text(self) -> str:
        """The question, its parts and its hint, as Read aloud says them."""
        spoken = [self.text.text()]
        if not self.parts.isHidden():
            spoken.append(self.parts.text().replace("\u2022 ", ""))
        if not self.hint.isHidden():
            spoken.append(self.hint.text())
        return " ".join(spoken)


class QuestionScreen(Screen):
    """Shows the sign group ``session.question_index`` at the session's level.

    The cards scroll (a finger drags them too) when they do not fit; Back,
    the progress and "Get help now" above, and the one button below, never
    scroll away.
    """

    scrolls_itself = True
    sign_answered = Signal(str, object)  # sign id, Answer or None
    advance_requested = Signal()
    back_requested = Signal()
    help_requested = Signal()

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 16, 48, 16)
        outer.setSpacing(12)
        top = QHBoxLayout()
        top.setSpacing(24)
        self.back = big_button(object_name="question_back")
        self.back.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.progress = label("progress", object_name="question_progress")
        self.help_now = help_now_button("question_help")
        top.addWidget(self.back)
        top.addWidget(self.progress, 1)
        top.addWidget(self.help_now)
        outer.addLayout(top)
        self.keep_in_reach(outer, top)

        page = QWidget()
        page.setObjectName("question_cards")
        cards = QVBoxLayout(page)
        cards.setContentsMargins(0, 0, 8, 0)
        cards.setSpacing(16)
        # Cards sit at the top of a landscape screen, at the bottom of a
        # portrait one (the stretch above them grows): answers within reach.
        cards.addStretch(0)
        self.heading = label("title", object_name="question_heading")
        cards.addWidget(self.heading)
        # Cards not on show wait outside the screen, under a widget that is
        # never shown: a text-size or contrast change restyles only the
        # cards on show (kiosk.ui.page_styles), not all of them.
        self.parked = QWidget()
        self.cards: dict[str, SignCard] = {}
        for group in ASKING_GROUPS:
            for sign_id in group:
                card = SignCard(sign_id, self.parked)
                card.answered.connect(self.sign_answered)
                self.cards[sign_id] = card
        self._card_list = cards
        self._placed: tuple[str, ...] = ()
        cards.addStretch(1)
        self.scroll_area = scroll_area(page, "question_scroll")
        outer.addWidget(self.scroll_area, 1)

        self.advance = big_button(role="primary", object_name="question_advance")
        self.advance.setMinimumHeight(ANSWER_BUTTON_PX)
        outer.addWidget(self.advance)
        self.advance.clicked.connect(self.advance_requested)
        self.back.clicked.connect(self.back_requested)
        self.help_now.clicked.connect(self.help_requested)

    @property
    def signs(self) -> tuple[str, ...]:
        """The ids of the signs on show."""
        return current_group(self.ctx)

    @property
    def question(self) -> Question:
        """The first sign's question on show."""
        return self.ctx.pack.checklist.question(self.signs[0])

    def card(self, sign_id: str) -> SignCard:
        """The card of ``sign_id`` (shown or not)."""
        return self.cards[sign_id]

    def refresh(self) -> None:
        strings = self.ctx.strings
        answers = self.ctx.session.answers
        shown = set(self.signs)
        groups = visible_groups(answers)
        group = ASKING_GROUPS[current_index(self.ctx)]
        number = groups.index(group) + 1 if group in groups else 1
        self.progress.setText(strings("checklist.progress", n=number, total=len(groups)))
        # Each sign's own stem is the question ("Right now, do you have any
        # of these?"); a heading above them would only say it twice.
        self.heading.setText(strings("checklist.any_of_these"))
        self.heading.setVisible(False)
        checklist = self.ctx.pack.checklist
        self._place(self.signs)
        for sign_id, card in self.cards.items():
            if sign_id in shown:
                card.show_question(self.ctx, checklist.question(sign_id))
            else:
                card.clear()  # no hidden card may keep an answer on show
        answered = any(answers.get(sid) in CARD_ANSWERS for sid in shown)
        set_button_text(
            self.advance, strings("checklist.next" if answered else "checklist.none_of_these")
        )
        set_button_text(
            self.back,
            strings("nav.back"),
            strings(
                "checklist.back_to_intro_accessible" if number == 1 else "checklist.back_accessible"
            ),
        )
        set_help_now_text(self.help_now, self.ctx)

    def portrait_changed(self, portrait: bool) -> None:
        last = self._card_list.count() - 1
        self._card_list.setStretch(0, 1 if portrait else 0)
        self._card_list.setStretch(last, 0 if portrait else 1)

    def _place(self, signs: tuple[str, ...]) -> None:
        """Put the cards of ``signs`` on the screen, in order, and park the rest."""
        if signs == self._placed:
            return
        for sign_id in self._placed:
            self._card_list.removeWidget(self.cards[sign_id])
            self.cards[sign_id].setParent(self.parked)
        for place, sign_id in enumerate(signs, start=2):  # after the stretch and heading
            self._card_list.insertWidget(place, self.cards[sign_id])
            self.cards[sign_id].show()
        self._placed = signs

    def speech_text(self) -> str:
        spoken = [self.heading.text()] if not self.heading.isHidden() else []
        spoken += [self.cards[sign_id].speech_text() for sign_id in self.signs]
        return " ".join([*spoken, self.advance.text()])
