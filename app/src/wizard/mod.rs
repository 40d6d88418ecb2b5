//! Step wizards as data: each step has an illustration, texts, optional fields checked with the
//! domain's own parsers, and where to go next, possibly depending on an answer. Guides and every
//! multi-step form are definitions for this one engine, and `components::wizard::WizardView`
//! renders any of them.
pub mod application;
pub mod guides;
pub mod screens;

use crate::domain::{
    oid::Oid,
    validation::{Date, Email, FieldError, Phone, Problem, long_text, text},
    ytunnus::YTunnus,
};
use std::collections::{BTreeMap, HashSet};

/// The answers so far, by field name, as the user typed them.
pub type Answers = BTreeMap<String, String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        min: u32,
        max: u32,
    },
    /// Free text of several lines.
    LongText {
        min: u32,
        max: u32,
    },
    Email,
    /// Stored in international form (E.164).
    Phone,
    /// A calendar day, stored as `YYYY-MM-DD`; `after_today` for plans.
    Date {
        after_today: bool,
    },
    BusinessId,
    Oid,
    /// One of the listed values (value, message id of its label).
    Choice(&'static [(&'static str, &'static str)]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    /// Message ids.
    pub label: &'static str,
    pub hint: Option<&'static str>,
    pub kind: FieldKind,
    pub required: bool,
}

impl Field {
    /// The value as it will be stored (trimmed, normalised), or what is wrong with it.
    pub fn check(&self, value: &str) -> Result<String, Problem> {
        let value = value.trim();
        if value.is_empty() {
            return if self.required { Err(Problem::Required) } else { Ok(String::new()) };
        }
        match self.kind {
            FieldKind::Text { min, max } => text(value, min, max),
            FieldKind::LongText { min, max } => long_text(value, min, max),
            FieldKind::Email => Email::parse(value).map(|e| e.as_str().to_string()),
            FieldKind::Phone => Phone::parse(value).map(|p| p.as_str().to_string()),
            FieldKind::Date { after_today: false } => Date::parse(value).map(|d| d.to_string()),
            FieldKind::Date { after_today: true } => {
                Date::parse_future(value, crate::domain::calendar::today()).map(|d| d.to_string())
            }
            FieldKind::BusinessId => {
                YTunnus::parse(value).map(|y| y.to_string()).map_err(|_| Problem::InvalidBusinessId)
            }
            FieldKind::Oid => Oid::parse(value).map(|o| o.to_string()).map_err(Problem::from),
            FieldKind::Choice(options) => {
                options.iter().find(|(v, _)| *v == value).map(|(v, _)| v.to_string()).ok_or(Problem::UnknownChoice)
            }
        }
    }
}

/// Where a step leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    To(&'static str),
    /// By the answer to `field`: the first matching case, else `otherwise`.
    Branch {
        field: &'static str,
        cases: &'static [(&'static str, &'static str)],
        otherwise: &'static str,
    },
    /// By whether the answer to `field`, a comma-separated list (the services), includes `value`.
    Includes {
        field: &'static str,
        value: &'static str,
        then: &'static str,
        otherwise: &'static str,
    },
    /// The last step.
    Done,
}

impl Next {
    /// Every step this may lead to.
    fn targets(self) -> Vec<&'static str> {
        match self {
            Next::To(id) => vec![id],
            Next::Branch { cases, otherwise, .. } => cases.iter().map(|(_, id)| *id).chain([otherwise]).collect(),
            Next::Includes { then, otherwise, .. } => vec![then, otherwise],
            Next::Done => vec![],
        }
    }
}

/// The picture of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Illustration {
    /// A drawing's file under `/illustrations/`, and the message id of its text alternative.
    Drawing(&'static str, &'static str),
    /// A screen of the product, pictured by `make guide-images`.
    Screen(&'static screens::Screen),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: &'static str,
    /// Message ids of the heading and the paragraphs.
    pub heading: &'static str,
    pub paragraphs: &'static [&'static str],
    pub illustration: Option<Illustration>,
    pub fields: &'static [Field],
    /// "Check your answers": the step lists every answer on the path so far, each with a way back
    /// to change it.
    pub check_answers: bool,
    pub next: Next,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wizard {
    pub id: &'static str,
    pub title: &'static str,
    pub steps: &'static [Step],
}

impl Wizard {
    pub fn step(&self, id: &str) -> Option<&'static Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The field named `name`, in whichever step it is.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.steps.iter().flat_map(|s| s.fields).find(|f| f.name == name)
    }

    pub fn first(&self) -> &'static Step {
        &self.steps[0]
    }

    /// Every problem with the answers to one step's fields, in field order.
    pub fn validate(&self, step: &Step, answers: &Answers) -> Vec<FieldError> {
        step.fields
            .iter()
            .filter_map(|f| {
                let value = answers.get(f.name).map(String::as_str).unwrap_or("");
                f.check(value).err().map(|problem| FieldError::of_value(f.name, problem, value))
            })
            .collect()
    }

    /// The step after `step` for these answers; `None` after the last.
    pub fn next(&self, step: &Step, answers: &Answers) -> Option<&'static Step> {
        let id = match step.next {
            Next::To(id) => id,
            Next::Branch { field, cases, otherwise } => {
                let answer = answers.get(field).map(|a| a.trim()).unwrap_or("");
                cases.iter().find(|(value, _)| *value == answer).map(|(_, id)| *id).unwrap_or(otherwise)
            }
            Next::Includes { field, value, then, otherwise } => {
                let listed = answers.get(field).is_some_and(|a| a.split(',').any(|item| item.trim() == value));
                if listed { then } else { otherwise }
            }
            Next::Done => return None,
        };
        self.step(id)
    }

    /// The steps the user goes through with these answers, from the first to the last (an
    /// unanswered branch takes its `otherwise`): the progress and the summary follow it.
    pub fn path(&self, answers: &Answers) -> Vec<&'static Step> {
        let mut path = vec![self.first()];
        let mut seen = HashSet::from([self.first().id]);
        while let Some(next) = self.next(path[path.len() - 1], answers) {
            if !seen.insert(next.id) {
                break;
            }
            path.push(next);
        }
        path
    }

    /// "Step `n` of `total`" for a step on the current path (1-based).
    pub fn position(&self, step_id: &str, answers: &Answers) -> Option<(usize, usize)> {
        let path = self.path(answers);
        path.iter().position(|s| s.id == step_id).map(|i| (i + 1, path.len()))
    }

    /// Every problem with the answers along the whole path: what stands between a form and sending it.
    pub fn validate_path(&self, answers: &Answers) -> Vec<FieldError> {
        self.path(answers).into_iter().flat_map(|step| self.validate(step, answers)).collect()
    }

    /// A draft's answers as they will be stored (trimmed, normalised), or the problems of those
    /// given: a draft may miss answers, but what it has must be valid. Names that are no field
    /// are dropped, except `keep` (answers the product sets, such as the service).
    pub fn normalise(&self, answers: &Answers, keep: &[&str]) -> Result<Answers, Vec<FieldError>> {
        let mut stored: Answers = answers
            .iter()
            .filter(|(name, _)| keep.contains(&name.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut errors = Vec::new();
        for field in self.steps.iter().flat_map(|s| s.fields) {
            let Some(value) = answers.get(field.name).filter(|v| !v.trim().is_empty()) else { continue };
            match field.check(value) {
                Ok(value) => {
                    stored.insert(field.name.to_string(), value);
                }
                Err(problem) => errors.push(FieldError::of_value(field.name, problem, value)),
            }
        }
        if errors.is_empty() { Ok(stored) } else { Err(errors) }
    }

    /// The fields answered along the path, for "check your answers": (step, field, stored value).
    pub fn summary(&self, answers: &Answers) -> Vec<(&'static Step, &'static Field, String)> {
        self.path(answers)
            .into_iter()
            .flat_map(|step| step.fields.iter().map(move |f| (step, f)))
            .filter_map(|(step, f)| {
                let value = f.check(answers.get(f.name)?).ok().filter(|v| !v.is_empty())?;
                Some((step, f, value))
            })
            .collect()
    }

    /// A definition's mistakes: duplicate step ids, links to missing steps, steps no path reaches.
    pub fn definition_errors(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let mut ids = HashSet::new();
        for step in self.steps {
            if !ids.insert(step.id) {
                errors.push(format!("{}: step {} twice", self.id, step.id));
            }
            let targets = step.next.targets();
            errors.extend(
                targets
                    .into_iter()
                    .filter(|t| self.step(t).is_none())
                    .map(|t| format!("{}: {} → {t}", self.id, step.id)),
            );
        }
        let mut reached = HashSet::from([self.first().id]);
        let mut queue = vec![self.first()];
        while let Some(step) = queue.pop() {
            let targets = step.next.targets();
            for t in targets {
                if let Some(s) = self.step(t)
                    && reached.insert(s.id)
                {
                    queue.push(s);
                }
            }
        }
        errors.extend(
            self.steps.iter().filter(|s| !reached.contains(s.id)).map(|s| format!("{}: {} unreachable", self.id, s.id)),
        );
        errors
    }
}

/// The step to show, and the problems of the step just answered (shown again with them):
/// `?from=` names the step answered, `?step=` one asked for (the first if not on the path).
pub fn current(
    wizard: &'static Wizard,
    requested: Option<&str>,
    from: Option<&str>,
    answers: &Answers,
) -> (&'static Step, Vec<FieldError>) {
    if let Some(from) = from.and_then(|id| wizard.step(id)) {
        let errors = wizard.validate(from, answers);
        if !errors.is_empty() {
            return (from, errors);
        }
        return (wizard.next(from, answers).unwrap_or(from), Vec::new());
    }
    let step = requested.and_then(|id| wizard.step(id)).filter(|s| wizard.position(s.id, answers).is_some());
    (step.unwrap_or(wizard.first()), Vec::new())
}

/// The answers of `wizard` among query parameters.
pub fn answers_in(wizard: &Wizard, params: impl Fn(&str) -> Option<String>) -> Answers {
    wizard.steps.iter().flat_map(|s| s.fields).filter_map(|f| params(f.name).map(|v| (f.name.to_string(), v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: Field = Field {
        name: "role",
        label: "l",
        hint: None,
        kind: FieldKind::Choice(&[("managing-director", "a"), ("other", "b")]),
        required: true,
    };
    const BUSINESS_ID: Field =
        Field { name: "ytunnus", label: "l", hint: None, kind: FieldKind::BusinessId, required: true };
    const OID: Field = Field { name: "oid", label: "l", hint: None, kind: FieldKind::Oid, required: false };
    const fn step(id: &'static str, fields: &'static [Field], next: Next) -> Step {
        Step { id, heading: "h", paragraphs: &[], illustration: None, fields, check_answers: false, next }
    }
    const TEST: Wizard = Wizard {
        id: "test",
        title: "t",
        steps: &[
            step("start", &[], Next::To("role")),
            step(
                "role",
                &[ROLE],
                Next::Branch { field: "role", cases: &[("managing-director", "organisation")], otherwise: "mandate" },
            ),
            step("mandate", &[], Next::To("organisation")),
            step("organisation", &[BUSINESS_ID, OID], Next::To("check")),
            step("check", &[], Next::Done),
        ],
    };

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn branches_follow_the_answer_and_the_progress_follows_the_path() {
        let ids = |a: &Answers| TEST.path(a).iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(&answers(&[])), ["start", "role", "mandate", "organisation", "check"], "unanswered: otherwise");
        let md = answers(&[("role", "managing-director")]);
        assert_eq!(ids(&md), ["start", "role", "organisation", "check"]);
        assert_eq!(TEST.position("organisation", &md), Some((3, 4)));
        assert_eq!(TEST.position("mandate", &md), None, "not on this path");
        assert_eq!(TEST.next(TEST.step("check").unwrap(), &md), None);
    }

    #[test]
    fn fields_are_checked_with_the_domain_parsers() {
        let organisation = TEST.step("organisation").unwrap();
        let problems = |a: &[(&str, &str)]| {
            TEST.validate(organisation, &answers(a)).into_iter().map(|e| (e.field, e.problem)).collect::<Vec<_>>()
        };
        assert_eq!(problems(&[]), [("ytunnus".to_string(), Problem::Required)]);
        assert_eq!(problems(&[("ytunnus", "3141590-4")]), [("ytunnus".to_string(), Problem::InvalidBusinessId)]);
        assert_eq!(
            problems(&[("ytunnus", "3141590-3"), ("oid", "1.2.246.x")]),
            [("oid".to_string(), Problem::InvalidOid)]
        );
        assert!(problems(&[("ytunnus", " 3141590-3 "), ("oid", "1.2.246.10.31415903.10.0")]).is_empty());
        assert_eq!(ROLE.check("boss"), Err(Problem::UnknownChoice));
    }

    #[test]
    fn the_summary_lists_stored_values_of_the_path_only() {
        let a = answers(&[("role", "managing-director"), ("ytunnus", " 3141590-3 "), ("oid", "")]);
        let summary: Vec<_> = TEST.summary(&a).into_iter().map(|(s, f, v)| (s.id, f.name, v)).collect();
        assert_eq!(
            summary,
            [("role", "role", "managing-director".to_string()), ("organisation", "ytunnus", "3141590-3".into())]
        );
    }

    #[test]
    fn definition_mistakes_are_found() {
        assert!(TEST.definition_errors().is_empty(), "{:?}", TEST.definition_errors());
        const BROKEN: Wizard = Wizard {
            id: "broken",
            title: "t",
            steps: &[step("a", &[], Next::To("b")), step("b", &[], Next::To("nowhere")), step("c", &[], Next::Done)],
        };
        assert_eq!(BROKEN.definition_errors(), ["broken: b → nowhere", "broken: c unreachable"]);
        const LOOP: Wizard =
            Wizard { id: "loop", title: "t", steps: &[step("a", &[], Next::To("b")), step("b", &[], Next::To("a"))] };
        assert_eq!(LOOP.path(&Answers::new()).len(), 2, "a cycle cannot hang the path");
    }
}
