//! An application's life: which states there are, which commands move it between
//! them, and who may give each command. [`apply`] is the only way to a new state; the
//! server stores what it returns, in the same transaction as the audit event.
use serde::{Deserialize, Serialize};

coded_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum State {
        Draft = ("draft", msg!("application-state-draft")),
        Submitted = ("submitted", msg!("application-state-submitted")),
        ReturnedForChanges = ("returned", msg!("application-state-returned")),
        InJointTesting = ("joint-testing", msg!("application-state-joint-testing")),
        ApprovedForProduction = ("approved", msg!("application-state-approved")),
        InProduction = ("in-production", msg!("application-state-in-production")),
        /// A termination notice confirmed by staff: in use until its end date.
        Ending = ("ending", msg!("application-state-ending")),
        /// Terminated: out of use; its billing and history are kept.
        Ended = ("ended", msg!("application-state-ended")),
        Withdrawn = ("withdrawn", msg!("application-state-withdrawn")),
        Rejected = ("rejected", msg!("application-state-rejected")),
    }
}

impl State {
    /// Nothing moves an application on from here.
    pub fn is_final(self) -> bool {
        matches!(self, State::Ended | State::Withdrawn | State::Rejected)
    }

    /// Its services are in use: in production, or ending but not yet at the end date.
    pub fn in_use(self) -> bool {
        matches!(self, State::InProduction | State::Ending)
    }

    /// The applicant may change the answers (and nobody else may).
    pub fn is_editable(self) -> bool {
        matches!(self, State::Draft | State::ReturnedForChanges)
    }
}

/// Who gives a command: the organisation (a person whose basis permits taking services into use;
/// the server's guard has checked that) or Kanta's staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Applicant,
    Staff,
}

impl Actor {
    pub fn code(self) -> &'static str {
        match self {
            Actor::Applicant => "applicant",
            Actor::Staff => "staff",
        }
    }

    pub fn from_code(code: &str) -> Option<Actor> {
        [Actor::Applicant, Actor::Staff].into_iter().find(|a| a.code() == code)
    }
}

coded_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Command {
        /// Send the application (again, after changes) to Kanta.
        Submit = ("submit", msg!("application-command-submit")),
        Withdraw = ("withdraw", msg!("application-command-withdraw")),
        /// Back to the applicant with a comment.
        Return = ("return", msg!("application-command-return")),
        StartJointTesting = ("start-joint-testing", msg!("application-command-start-joint-testing")),
        /// A test result is recorded; the state stays.
        RecordTestResult = ("record-test-result", msg!("application-command-record-test-result")),
        /// With a go-live date.
        ApproveForProduction = ("approve", msg!("application-command-approve")),
        GoLive = ("go-live", msg!("application-command-go-live")),
        /// With a reason.
        Reject = ("reject", msg!("application-command-reject")),
        /// Staff confirm the organisation's signed termination notice: ending on its date.
        ConfirmNotice = ("confirm-notice", msg!("application-command-confirm-notice")),
        /// On or after the notice's end date: out of use.
        End = ("end", msg!("application-command-end")),
    }
}

impl Command {
    /// Staff must say why (shown to the applicant).
    pub fn needs_comment(self) -> bool {
        matches!(self, Command::Return | Command::Reject | Command::RecordTestResult)
    }

    /// Who may give it, wherever it applies.
    pub fn actor(self) -> Actor {
        match self {
            Command::Submit | Command::Withdraw => Actor::Applicant,
            _ => Actor::Staff,
        }
    }
}

/// Why a command was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The other party gives this command.
    NotYours,
    /// Not from this state.
    NotNow,
}

/// Whether a service is jointly tested before production (the test environment is not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Track {
    WithJointTesting,
    Direct,
}

impl Track {
    /// Jointly tested if any of the services is.
    pub fn of(services: &super::services::ServiceSet) -> Track {
        if services.as_slice().iter().any(|s| s.phases().contains(&super::services::Phase::JointTesting)) {
            Track::WithJointTesting
        } else {
            Track::Direct
        }
    }
}

/// The state a command leads to from `state`, if it is allowed there at all (whoever gives it).
fn transition(track: Track, state: State, command: Command) -> Option<State> {
    use {Command as C, State as S};
    if track == Track::Direct {
        match (state, command) {
            (S::Submitted, C::ApproveForProduction) => return Some(S::ApprovedForProduction),
            (S::InJointTesting, _) | (_, C::StartJointTesting | C::RecordTestResult) => return None,
            _ => {}
        }
    }
    Some(match (state, command) {
        (S::Draft | S::ReturnedForChanges, C::Submit) => S::Submitted,
        (S::Draft | S::Submitted | S::ReturnedForChanges | S::InJointTesting, C::Withdraw) => S::Withdrawn,
        (S::Submitted | S::InJointTesting, C::Return) => S::ReturnedForChanges,
        (S::Submitted, C::StartJointTesting) => S::InJointTesting,
        (S::InJointTesting, C::RecordTestResult) => S::InJointTesting,
        (S::InJointTesting, C::ApproveForProduction) => S::ApprovedForProduction,
        (S::ApprovedForProduction, C::GoLive) => S::InProduction,
        (S::Submitted | S::InJointTesting | S::ApprovedForProduction, C::Reject) => S::Rejected,
        (S::InProduction, C::ConfirmNotice) => S::Ending,
        (S::Ending, C::End) => S::Ended,
        _ => return None,
    })
}

/// The next state when `actor` gives `command` in `state` on `track`, or why not.
pub fn apply(track: Track, state: State, actor: Actor, command: Command) -> Result<State, Refusal> {
    if command.actor() != actor {
        return Err(Refusal::NotYours);
    }
    transition(track, state, command).ok_or(Refusal::NotNow)
}

/// The commands `actor` may give in `state`: what the page offers.
pub fn commands(track: Track, state: State, actor: Actor) -> Vec<Command> {
    Command::ALL.into_iter().filter(|c| apply(track, state, actor, *c).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_state() -> impl Strategy<Value = State> {
        proptest::sample::select(State::ALL.to_vec())
    }
    fn any_command() -> impl Strategy<Value = Command> {
        proptest::sample::select(Command::ALL.to_vec())
    }
    fn any_actor() -> impl Strategy<Value = Actor> {
        prop_oneof![Just(Actor::Applicant), Just(Actor::Staff)]
    }
    fn any_track() -> impl Strategy<Value = Track> {
        prop_oneof![Just(Track::WithJointTesting), Just(Track::Direct)]
    }

    const J: Track = Track::WithJointTesting;

    /// The direct track: the table without joint testing, approval straight after sending.
    fn allowed(track: Track) -> Vec<(State, Command, State)> {
        match track {
            Track::WithJointTesting => ALLOWED.to_vec(),
            Track::Direct => ALLOWED
                .iter()
                .copied()
                .filter(|(s, c, _)| {
                    *s != State::InJointTesting && !matches!(c, Command::StartJointTesting | Command::RecordTestResult)
                })
                .chain([(State::Submitted, Command::ApproveForProduction, State::ApprovedForProduction)])
                .collect(),
        }
    }

    /// The whole machine, written out once more as the table of the issue.
    const ALLOWED: &[(State, Command, State)] = &[
        (State::Draft, Command::Submit, State::Submitted),
        (State::Draft, Command::Withdraw, State::Withdrawn),
        (State::Submitted, Command::Return, State::ReturnedForChanges),
        (State::Submitted, Command::StartJointTesting, State::InJointTesting),
        (State::Submitted, Command::Reject, State::Rejected),
        (State::Submitted, Command::Withdraw, State::Withdrawn),
        (State::ReturnedForChanges, Command::Submit, State::Submitted),
        (State::ReturnedForChanges, Command::Withdraw, State::Withdrawn),
        (State::InJointTesting, Command::RecordTestResult, State::InJointTesting),
        (State::InJointTesting, Command::Return, State::ReturnedForChanges),
        (State::InJointTesting, Command::ApproveForProduction, State::ApprovedForProduction),
        (State::InJointTesting, Command::Reject, State::Rejected),
        (State::InJointTesting, Command::Withdraw, State::Withdrawn),
        (State::ApprovedForProduction, Command::GoLive, State::InProduction),
        (State::ApprovedForProduction, Command::Reject, State::Rejected),
        (State::InProduction, Command::ConfirmNotice, State::Ending),
        (State::Ending, Command::End, State::Ended),
    ];

    #[test]
    fn the_machine_is_exactly_the_table() {
        for track in [Track::WithJointTesting, Track::Direct] {
            let table = allowed(track);
            for state in State::ALL {
                for command in Command::ALL {
                    let expected = table.iter().find(|(s, c, _)| *s == state && *c == command).map(|(_, _, to)| *to);
                    assert_eq!(
                        apply(track, state, command.actor(), command).ok(),
                        expected,
                        "{track:?} {state:?} {command:?}"
                    );
                }
            }
        }
        use crate::domain::services::{KantaService, ServiceSet};
        assert_eq!(Track::of(&ServiceSet::one(KantaService::TestEnvironment)), Track::Direct);
        assert_eq!(Track::of(&ServiceSet::one(KantaService::PatientDataRepository)), J);
    }

    #[test]
    fn staff_and_applicants_have_their_own_commands() {
        assert_eq!(commands(J, State::Draft, Actor::Applicant), [Command::Submit, Command::Withdraw]);
        assert!(commands(J, State::Draft, Actor::Staff).is_empty(), "staff cannot act on a draft");
        assert_eq!(apply(J, State::Submitted, Actor::Applicant, Command::StartJointTesting), Err(Refusal::NotYours));
        assert_eq!(apply(J, State::Submitted, Actor::Staff, Command::Submit), Err(Refusal::NotYours));
        assert_eq!(apply(J, State::Draft, Actor::Staff, Command::Return), Err(Refusal::NotNow));
    }

    proptest! {
        /// Any sequence of commands by anyone, refused ones included, stays on the table's paths.
        #[test]
        fn no_sequence_leaves_the_machine(track in any_track(), steps in proptest::collection::vec((any_actor(), any_command()), 0..40)) {
            let table = allowed(track);
            let mut state = State::Draft;
            let mut path = vec![state];
            for (actor, command) in steps {
                match apply(track, state, actor, command) {
                    Ok(next) => {
                        prop_assert!(table.contains(&(state, command, next)));
                        prop_assert_eq!(command.actor(), actor);
                        state = next;
                        path.push(state);
                    }
                    Err(_) => prop_assert!(!table.iter().any(|(s, c, _)| *s == state && *c == command) || command.actor() != actor),
                }
            }
            // Production only after approval; approval only after joint testing; ending only from
            // production, and ended only after ending.
            for pair in path.windows(2) {
                if pair[1] == State::InProduction { prop_assert_eq!(pair[0], State::ApprovedForProduction); }
                if pair[1] == State::Ending { prop_assert_eq!(pair[0], State::InProduction); }
                if pair[1] == State::Ended { prop_assert_eq!(pair[0], State::Ending); }
                prop_assert!(!pair[0].in_use() || pair[1].in_use() || pair[1] == State::Ended, "in use until ended");
                if pair[1] == State::ApprovedForProduction {
                    let before = if track == Track::Direct { State::Submitted } else { State::InJointTesting };
                    prop_assert_eq!(pair[0], before);
                }
                prop_assert!(track == J || pair[1] != State::InJointTesting);
            }
        }

        /// A final state takes no command from anyone.
        #[test]
        fn final_states_stay(track in any_track(), state in any_state(), actor in any_actor(), command in any_command()) {
            if state.is_final() {
                prop_assert!(apply(track, state, actor, command).is_err());
            }
        }
    }
}
