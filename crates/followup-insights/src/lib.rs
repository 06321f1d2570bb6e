//! How the follow-ups are going, computed from the applications and drawn as charts.
