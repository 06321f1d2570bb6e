//! Contacts (vCard 3 and 4, RFC 2426 and 6350) as interviewers.
