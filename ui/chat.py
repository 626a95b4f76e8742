"""Staff chat: ask in any language, get an answer with sources one click away."""

from __future__ import annotations

import uuid

import streamlit as st

from kb.feedback import export_conversation_markdown
from kb.types import Answer
from ui.common import identity, plain, services, source_url
from ui.filters import sidebar_filters

svc = services()
state = st.session_state
state.setdefault("session_id", uuid.uuid4().hex)
state.setdefault("turns", [])  # [{"question", "answer": Answer, "answer_id"}]

filters = sidebar_filters(svc.kb.store.documents(), key="chat")
with st.sidebar:
    st.divider()
    if st.button("New conversation", icon=":material/add_comment:"):
        state.turns = []
        st.rerun()
    if state.turns:
        st.download_button(
            "Export conversation (Markdown)",
            export_conversation_markdown([(t["question"], t["answer"]) for t in state.turns]),
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
    st.markdown(plain(answer.text))
    if not answer.found:
        st.info(
            "Nothing in the corpus answers this. Try widening the filters or rephrasing.",
            icon=":material/search_off:",
        )
    if answer.filters:
        st.caption("Filters: " + ", ".join(f"{k}={v}" for k, v in answer.filters.items()))
    if answer.citations:
        st.markdown("**Sources**")
    for c in answer.citations:
        meta = " · ".join(str(x) for x in (c.country, c.year) if x)
        page = f" · p. {c.page_display}" if c.page else ""
        page += " · OCR" if c.ocr else ""
        st.markdown(
            f"**[{c.n}]** [{plain(c.title)}]({source_url(c.path, c.page)}) "
            f"— {plain(meta)}{plain(page)}"
        )
        with st.expander(f"Passage [{c.n}]"):
            passage = plain(c.passage)
            if c.quote:
                passage = passage.replace(plain(c.quote), f"**{plain(c.quote)}**")
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
                    yield plain(piece)

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
