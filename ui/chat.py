"""Staff chat: ask in any language, get an answer with sources one click away."""

from __future__ import annotations

import uuid

import streamlit as st

from kb.answer.injection import instruction_sentences
from kb.app.export import export_conversation_markdown
from kb.app.service import QuestionError
from kb.core.markup import md_answer
from kb.core.types import Answer
from ui.common import identity, md_text, services, source_link
from ui.filters import sidebar_filters

svc = services()
state = st.session_state
state.setdefault("session_id", uuid.uuid4().hex)
state.setdefault("turns", [])  # [{"question", "answer": Answer, "answer_id"}]

filters = sidebar_filters(svc.documents(), key="chat")
with st.sidebar:
    st.divider()
    if st.button("New conversation", icon=":material/add_comment:"):
        state.turns = []
        st.rerun()
    if state.turns:
        st.download_button(
            "Export conversation (Markdown)",
            export_conversation_markdown(
                [(t["question"], t["answer"]) for t in state.turns],
                source_link=lambda c: source_link(c.doc_id, c.page, absolute=True),
            ),
            file_name="pes-conversation.md",
            mime="text/markdown",
        )
    st.caption(f"Answer mode: {svc.service.generator.name}")

st.title("Ask the PES knowledge base")
st.caption(
    "Answers come only from the network's reports and practice case studies, "
    "each claim cited to document and page. Ask in your own language."
)


def render_answer(turn: dict, index: int) -> None:
    answer: Answer = turn["answer"]
    if answer.notice:  # a language model's answer was replaced by the extractive one
        st.info(md_text(answer.notice), icon=":material/info:")
    if answer.found:
        st.markdown(md_answer(answer.text))
    else:  # the refusal, in the question's language, once
        st.info(md_text(answer.text), icon=":material/search_off:")
    if answer.filters:
        st.caption(md_text("Filters: " + ", ".join(f"{k}={v}" for k, v in answer.filters.items())))
    if answer.citations:
        st.markdown("**Sources**")
    for c in answer.citations:
        # Only the details the document has: no "(none)", no dangling separator.
        details = [md_text(str(x), breaks=False) for x in (c.country, c.year) if x]
        if c.page:
            details.append(f"p. {md_text(c.page_display, breaks=False)}")
        if c.ocr:
            details.append("OCR")
        title = md_text(c.title, breaks=False)
        line = f"**\\[{c.n}\\]** [{title}]({source_link(c.doc_id, c.page)})"
        st.markdown(line + (f" — {' · '.join(details)}" if details else ""))
        with st.expander(f"Passage \\[{c.n}\\]"):
            flagged = instruction_sentences(c.passage)
            if flagged:
                st.warning(
                    "This passage contains text addressed to an AI system; it is shown "
                    "as document text and never quoted as a claim: "
                    + " ".join(f"“{md_text(s, breaks=False)}”" for s in flagged),
                    icon=":material/gpp_maybe:",
                )
            passage = md_text(c.passage)
            if c.quote:
                quote = md_text(c.quote, breaks=False)
                passage = passage.replace(quote, f"**{quote}**")
            st.markdown(passage)
    score = st.feedback("thumbs", key=f"feedback_{turn['answer_id']}")
    if score is not None:
        comment = st.text_input("Comment (optional)", key=f"comment_{turn['answer_id']}")
        svc.feedback.record_feedback(turn["answer_id"], score, comment or None)


for i, turn in enumerate(state.turns):
    with st.chat_message("user"):
        st.text(turn["question"])
    with st.chat_message("assistant"):
        render_answer(turn, i)

question = st.chat_input("How do other PES activate long-term unemployed people over 50?")
if question:
    try:
        question = svc.service.check_question(question)
    except QuestionError as exc:
        st.warning(md_text(str(exc)), icon=":material/edit_note:")
        question = None
if question:
    with st.chat_message("user"):
        st.text(question)
    history = [(t["question"], t["answer"].text) for t in state.turns]
    with st.chat_message("assistant"):
        final: dict[str, Answer] = {}

        def pieces():
            for piece in svc.service.ask_stream(question, filters, history):
                if isinstance(piece, Answer):
                    final["answer"] = piece
                else:
                    # Escaped piece by piece; the whitespace between pieces is kept.
                    core = piece.strip()
                    lead, trail = piece[: piece.find(core)], piece[piece.find(core) + len(core) :]
                    yield lead + md_text(core) + trail if core else piece

        placeholder = st.empty()
        with placeholder.container():
            st.write_stream(pieces())
        placeholder.empty()
        answer = final["answer"]
        who = identity()
        answer_id = svc.feedback.record_answer(
            question, answer, answer.filters, state.session_id, who.email
        )
        state.turns.append({"question": question, "answer": answer, "answer_id": answer_id})
    st.rerun()  # show the validated answer, its sources and the export from the history
