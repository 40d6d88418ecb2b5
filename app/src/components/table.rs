//! Data tables: column heads, rows, and a box that scrolls sideways on a phone.
use leptos::prelude::*;

/// A table that may be wider than the screen: it scrolls sideways in a box of its own, which the
/// keyboard can reach and scroll (WCAG 2.1.1, axe's `scrollable-region-focusable`) and which is
/// named by `labelled_by`, the id of the heading over the table (a group, not a landmark: the
/// section around it is that already).
#[component]
fn ScrollTable(labelled_by: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-labelledby=labelled_by>
            {children()}
        </div>
    }
}

/// How a column reads, which sets its head's class (`style/`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ColumnKind {
    Text,
    /// Right-aligned figures (`number`).
    Number,
    /// Left out on a phone (`wide-only`).
    WideOnly,
    /// A column of buttons: its head is read by screen readers only.
    Actions,
}

/// One column head: its label, already in the page language, and its kind.
#[derive(Clone, Debug)]
pub struct Column {
    label: String,
    kind: ColumnKind,
}

impl Column {
    pub fn text(label: String) -> Column {
        Column { label, kind: ColumnKind::Text }
    }

    pub fn number(label: String) -> Column {
        Column { label, kind: ColumnKind::Number }
    }

    pub fn wide_only(label: String) -> Column {
        Column { label, kind: ColumnKind::WideOnly }
    }

    pub fn actions(label: String) -> Column {
        Column { label, kind: ColumnKind::Actions }
    }
}

/// A table of `columns` over the rows in `children` (`<tr>`s), in a [`ScrollTable`] named by
/// `labelled_by`. `id` and `class` go on the `<table>`; `foot` is its `<tfoot>`, if any.
#[component]
pub fn DataTable(
    labelled_by: &'static str,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    columns: Vec<Column>,
    #[prop(optional)] foot: Option<AnyView>,
    children: Children,
) -> impl IntoView {
    let heads = columns
        .into_iter()
        .map(|column| match column.kind {
            ColumnKind::Text => view! { <th scope="col">{column.label}</th> }.into_any(),
            ColumnKind::Number => view! { <th scope="col" class="number">{column.label}</th> }.into_any(),
            ColumnKind::WideOnly => view! { <th scope="col" class="wide-only">{column.label}</th> }.into_any(),
            ColumnKind::Actions => {
                view! { <th scope="col"><span class="visually-hidden">{column.label}</span></th> }.into_any()
            }
        })
        .collect_view();
    let parts = view! {
        <thead>
            <tr>{heads}</tr>
        </thead>
        <tbody>{children()}</tbody>
        {foot.map(|foot| view! { <tfoot>{foot}</tfoot> })}
    };
    // Leptos writes `class=""` for a class of `None`: a table without one is written without it.
    let table = match class {
        Some(class) => view! { <table id=id class=class>{parts}</table> }.into_any(),
        None => view! { <table id=id>{parts}</table> }.into_any(),
    };
    view! { <ScrollTable labelled_by=labelled_by>{table}</ScrollTable> }
}
