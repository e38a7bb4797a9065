import Foundation

/// Every page address once. Views build links from these cases; a test checks that each one reaches
/// a registered route, so a renamed route cannot leave dead links behind.
enum SiteURL: Sendable {
    case home
    case stylesheet
    case signIn, signInCode, signOut
    case register
    case invitation(token: String)
    case account, accountPassword, accountLanguage
    case accountMFA, accountMFAStart, accountMFAConfirm, accountMFADisable, accountRecoveryCodes
    case accountTokens, accountTokenRevoke(UUID)
    case accountSessions, accountSessionRevoke(UUID), accountSignOutEverywhere
    case organisation(UUID), organisationInvitations(UUID), organisationInvitationRevoke(UUID, UUID)
    case organisationAudit(UUID), organisationSettings(UUID)
    case organisationPersonRole(UUID, UUID), organisationPersonDeactivate(UUID, UUID)
    case operatorHome, operatorOrganisations, operatorInvitations, operatorOutbox, operatorSettings, operatorAudit
    case communities, communityNew
    case community(String), communitySetup(String, Int), communityCharter(String), communityCharterAccept(String)
    case communityOrganisationStatus(String, UUID), communityPersonStatus(String, UUID)
    case communityInvitations(String), communityJoin(String), communityLeave(String)
    case communityJoinRequestDecision(String, UUID)
    case communityInvitationAnswer(UUID)
    case communityEvents(String), communityEventNew(String), communityEvent(String, UUID), communityEventRSVP(String, UUID)
    case communityEventAttendance(String, UUID), communityEventCancel(String, UUID), communityEventICS(String, UUID), communityCalendarToken(String)
    case calendarFeed(String)
    case communityHealth(String)
    case operatorCommunities, operatorCommunityDecision(String), operatorCommunityHandOver(String)
    case operatorCommunityArchive(String), operatorCommunityCap(String)
    case communityThreats(String), communityReportNew(String), communityBlocklist(String), communityBlocklistToken(String)
    case communityStix(String), communityStixImport(String)
    case reportEdit(UUID), reportHistory(UUID), reportCommentEdit(UUID, UUID)
    case report(UUID), reportComments(UUID), reportStix(UUID), reportStatus(UUID), reportWithdraw(UUID)
    case communityBlocklistSettings(String), communityWarnings(String), communityWarningDelete(String, UUID)
    case indicator(UUID), indicatorSightings(UUID), indicatorConfirm(UUID), indicatorRetract(UUID)
    case sightings, blocklistFeed(String)
    case organisationAllowlist(UUID), organisationAllowlistDelete(UUID, UUID)
    case assessment, assessmentStart, assessmentResults(UUID), assessmentStep(UUID, String), assessmentSubmit(UUID), assessmentCSV(UUID)
    case actions, actionsCSV, action(UUID)
    case coach, coachCheckIn(String), coachTeam
    case communityBenchmark(String)
    case communityDiscussions(String), communityThreadNew(String), communityFlags(String), communityFlagResolve(String, UUID)
    case thread(UUID), threadReplies(UUID), threadEdit(UUID), threadHistory(UUID), threadAccept(UUID), threadModerate(UUID)
    case threadFlag(UUID), threadPollVote(UUID), threadPollClose(UUID)
    case postEdit(UUID), postHelpful(UUID), threadVote(UUID), communityEventQuestions(String, UUID), threadDelete(UUID), postDelete(UUID)
    case communityDiscussionsFeed(String), discussionsAtom(String, String)
    case communityResources(String), communityResourceNew(String), resource(UUID), resourceDownload(UUID), resourceDelete(UUID)
    case questionsQueue, search, notifications, notificationsRead, notificationSettings, unsubscribe(String)

    var path: String {
        switch self {
        case .home: return "/"
        case .stylesheet: return "/static/app.css"
        case .signIn: return "/sign-in"
        case .signInCode: return "/sign-in/code"
        case .signOut: return "/sign-out"
        case .register: return "/register"
        case .invitation(let token): return "/invitations/\(token)"
        case .account: return "/account"
        case .accountPassword: return "/account/password"
        case .accountLanguage: return "/account/language"
        case .accountMFA: return "/account/mfa"
        case .accountMFAStart: return "/account/mfa/start"
        case .accountMFAConfirm: return "/account/mfa/confirm"
        case .accountMFADisable: return "/account/mfa/disable"
        case .accountRecoveryCodes: return "/account/mfa/recovery-codes"
        case .accountTokens: return "/account/tokens"
        case .accountTokenRevoke(let id): return "/account/tokens/\(id.uuidString)/revoke"
        case .accountSessions: return "/account/sessions"
        case .accountSessionRevoke(let id): return "/account/sessions/\(id.uuidString)/revoke"
        case .accountSignOutEverywhere: return "/account/sessions/sign-out-everywhere"
        case .organisation(let id): return "/organisations/\(id.uuidString)"
        case .organisationInvitations(let id): return "/organisations/\(id.uuidString)/invitations"
        case .organisationInvitationRevoke(let org, let inv): return "/organisations/\(org.uuidString)/invitations/\(inv.uuidString)/revoke"
        case .organisationAudit(let id): return "/organisations/\(id.uuidString)/audit"
        case .organisationSettings(let id): return "/organisations/\(id.uuidString)/settings"
        case .organisationPersonRole(let org, let person): return "/organisations/\(org.uuidString)/people/\(person.uuidString)/role"
        case .organisationPersonDeactivate(let org, let person): return "/organisations/\(org.uuidString)/people/\(person.uuidString)/deactivate"
        case .operatorHome: return "/operator"
        case .operatorOrganisations: return "/operator/organisations"
        case .operatorInvitations: return "/operator/invitations"
        case .operatorOutbox: return "/operator/outbox"
        case .operatorSettings: return "/operator/settings"
        case .operatorAudit: return "/operator/audit"
        case .communities: return "/communities"
        case .communityNew: return "/communities/new"
        case .community(let slug): return "/communities/\(slug)"
        case .communitySetup(let slug, let step): return "/communities/\(slug)/setup/\(step)"
        case .communityCharter(let slug): return "/communities/\(slug)/charter"
        case .communityCharterAccept(let slug): return "/communities/\(slug)/charter/accept"
        case .communityOrganisationStatus(let slug, let id): return "/communities/\(slug)/members/organisations/\(id.uuidString)"
        case .communityPersonStatus(let slug, let id): return "/communities/\(slug)/members/people/\(id.uuidString)"
        case .communityInvitations(let slug): return "/communities/\(slug)/invitations"
        case .communityJoin(let slug): return "/communities/\(slug)/join"
        case .communityLeave(let slug): return "/communities/\(slug)/leave"
        case .communityJoinRequestDecision(let slug, let id): return "/communities/\(slug)/join-requests/\(id.uuidString)"
        case .communityInvitationAnswer(let id): return "/community-invitations/\(id.uuidString)"
        case .communityEvents(let slug): return "/communities/\(slug)/events"
        case .communityEventNew(let slug): return "/communities/\(slug)/events/new"
        case .communityEvent(let slug, let id): return "/communities/\(slug)/events/\(id.uuidString)"
        case .communityEventRSVP(let slug, let id): return "/communities/\(slug)/events/\(id.uuidString)/rsvp"
        case .communityEventAttendance(let slug, let id): return "/communities/\(slug)/events/\(id.uuidString)/attendance"
        case .communityEventCancel(let slug, let id): return "/communities/\(slug)/events/\(id.uuidString)/cancel"
        case .communityEventICS(let slug, let id): return "/communities/\(slug)/events/\(id.uuidString)/event.ics"
        case .communityCalendarToken(let slug): return "/communities/\(slug)/calendar"
        case .calendarFeed(let token): return "/calendar/\(token)"
        case .communityHealth(let slug): return "/communities/\(slug)/health"
        case .operatorCommunities: return "/operator/communities"
        case .operatorCommunityDecision(let slug): return "/operator/communities/\(slug)/decision"
        case .operatorCommunityHandOver(let slug): return "/operator/communities/\(slug)/hand-over"
        case .operatorCommunityArchive(let slug): return "/operator/communities/\(slug)/archive"
        case .operatorCommunityCap(let slug): return "/operator/communities/\(slug)/cap"
        case .communityThreats(let slug): return "/communities/\(slug)/threats"
        case .communityReportNew(let slug): return "/communities/\(slug)/reports/new"
        case .communityBlocklist(let slug): return "/communities/\(slug)/blocklist"
        case .communityBlocklistToken(let slug): return "/communities/\(slug)/blocklist/token"
        case .communityStix(let slug): return "/communities/\(slug)/stix"
        case .communityStixImport(let slug): return "/communities/\(slug)/stix/import"
        case .report(let id): return "/reports/\(id.uuidString)"
        case .reportComments(let id): return "/reports/\(id.uuidString)/comments"
        case .reportStix(let id): return "/reports/\(id.uuidString)/stix"
        case .reportStatus(let id): return "/reports/\(id.uuidString)/status"
        case .reportWithdraw(let id): return "/reports/\(id.uuidString)/withdraw"
        case .communityBlocklistSettings(let slug): return "/communities/\(slug)/blocklist/settings"
        case .communityWarnings(let slug): return "/communities/\(slug)/blocklist/warnings"
        case .communityWarningDelete(let slug, let id): return "/communities/\(slug)/blocklist/warnings/\(id.uuidString)/delete"
        case .indicator(let id): return "/indicators/\(id.uuidString)"
        case .indicatorSightings(let id): return "/indicators/\(id.uuidString)/sightings"
        case .indicatorConfirm(let id): return "/indicators/\(id.uuidString)/confirm"
        case .indicatorRetract(let id): return "/indicators/\(id.uuidString)/retract"
        case .sightings: return "/sightings"
        case .blocklistFeed(let token): return "/blocklists/\(token)"
        case .organisationAllowlist(let id): return "/organisations/\(id.uuidString)/allowlist"
        case .organisationAllowlistDelete(let org, let id): return "/organisations/\(org.uuidString)/allowlist/\(id.uuidString)/delete"
        case .assessment: return "/assessment"
        case .assessmentStart: return "/assessment/start"
        case .assessmentResults(let id): return "/assessment/\(id.uuidString)"
        case .assessmentStep(let id, let step): return "/assessment/\(id.uuidString)/steps/\(step)"
        case .assessmentSubmit(let id): return "/assessment/\(id.uuidString)/submit"
        case .assessmentCSV(let id): return "/assessment/\(id.uuidString)/answers.csv"
        case .actions: return "/actions"
        case .actionsCSV: return "/actions/export.csv"
        case .action(let id): return "/actions/\(id.uuidString)"
        case .coach: return "/coach"
        case .coachCheckIn(let id): return "/coach/checkins/\(id)"
        case .coachTeam: return "/coach/team"
        case .communityBenchmark(let slug): return "/communities/\(slug)/benchmark"
        case .communityDiscussions(let slug): return "/communities/\(slug)/discussions"
        case .communityThreadNew(let slug): return "/communities/\(slug)/discussions/new"
        case .communityFlags(let slug): return "/communities/\(slug)/flags"
        case .communityFlagResolve(let slug, let id): return "/communities/\(slug)/flags/\(id)/resolve"
        case .thread(let id): return "/threads/\(id)"
        case .threadReplies(let id): return "/threads/\(id)/replies"
        case .threadEdit(let id): return "/threads/\(id)/edit"
        case .threadHistory(let id): return "/threads/\(id)/history"
        case .threadAccept(let id): return "/threads/\(id)/accept"
        case .threadModerate(let id): return "/threads/\(id)/moderate"
        case .threadFlag(let id): return "/threads/\(id)/flag"
        case .threadPollVote(let id): return "/threads/\(id)/poll/vote"
        case .threadPollClose(let id): return "/threads/\(id)/poll/close"
        case .postEdit(let id): return "/posts/\(id)/edit"
        case .postHelpful(let id): return "/posts/\(id)/helpful"
        case .threadVote(let id): return "/threads/\(id)/vote"
        case .threadDelete(let id): return "/threads/\(id)/delete"
        case .postDelete(let id): return "/posts/\(id)/delete"
        case .communityResources(let slug): return "/communities/\(slug)/resources"
        case .communityDiscussionsFeed(let slug): return "/communities/\(slug)/discussions/feed"
        case .reportEdit(let id): return "/reports/\(id)/edit"
        case .reportHistory(let id): return "/reports/\(id)/history"
        case .reportCommentEdit(let report, let comment): return "/reports/\(report)/comments/\(comment)/edit"
        case .discussionsAtom(let token, let slug): return "/feeds/\(token)/\(slug)/discussions.atom"
        case .communityResourceNew(let slug): return "/communities/\(slug)/resources/new"
        case .resource(let id): return "/resources/\(id)"
        case .resourceDownload(let id): return "/resources/\(id)/download"
        case .resourceDelete(let id): return "/resources/\(id)/delete"
        case .communityEventQuestions(let slug, let id): return "/communities/\(slug)/events/\(id.uuidString)/questions"
        case .questionsQueue: return "/questions/unanswered"
        case .search: return "/search"
        case .notifications: return "/notifications"
        case .notificationsRead: return "/notifications/read"
        case .notificationSettings: return "/account/notifications"
        case .unsubscribe(let token): return "/unsubscribe/\(token)"
        }
    }

    /// One example of every case, for the test that checks links against routes.
    static var examples: [SiteURL] {
        let a = UUID(), b = UUID()
        return [.home, .stylesheet, .signIn, .signInCode, .signOut, .register, .invitation(token: "t"),
                .account, .accountPassword, .accountLanguage, .accountMFA, .accountMFAStart, .accountMFAConfirm,
                .accountMFADisable, .accountRecoveryCodes, .accountTokens, .accountTokenRevoke(a), .accountSessions,
                .accountSessionRevoke(a), .accountSignOutEverywhere, .organisation(a), .organisationInvitations(a),
                .organisationInvitationRevoke(a, b), .organisationAudit(a), .organisationSettings(a),
                .organisationPersonRole(a, b), .organisationPersonDeactivate(a, b),
                .operatorHome, .operatorOrganisations, .operatorInvitations, .operatorOutbox, .operatorSettings,
                .operatorAudit, .communities, .communityNew, .community("c"), .communitySetup("c", 1), .communityCharter("c"),
                .communityCharterAccept("c"), .communityOrganisationStatus("c", a),
                .communityPersonStatus("c", a), .communityInvitations("c"), .communityJoin("c"), .communityLeave("c"),
                .communityJoinRequestDecision("c", a), .communityInvitationAnswer(a), .communityEvents("c"), .communityEventNew("c"),
                .communityEvent("c", a), .communityEventRSVP("c", a), .communityEventAttendance("c", a), .communityEventCancel("c", a), .communityEventICS("c", a),
                .communityCalendarToken("c"), .calendarFeed("t"), .communityHealth("c"), .operatorCommunities,
                .operatorCommunityDecision("c"), .operatorCommunityHandOver("c"), .operatorCommunityArchive("c"),
                .operatorCommunityCap("c"), .communityThreats("c"), .communityReportNew("c"), .communityBlocklist("c"),
                .communityBlocklistToken("c"), .communityStix("c"), .communityStixImport("c"), .report(a), .reportComments(a), .reportStix(a), .reportStatus(a), .reportWithdraw(a), .communityBlocklistSettings("c"), .communityWarnings("c"),
                .communityWarningDelete("c", a), .indicator(a),
                .indicatorSightings(a), .indicatorConfirm(a), .indicatorRetract(a), .sightings, .blocklistFeed("t"),
                .organisationAllowlist(a), .organisationAllowlistDelete(a, b),
                .assessment, .assessmentStart, .assessmentResults(a), .assessmentStep(a, "profile"), .assessmentSubmit(a), .assessmentCSV(a),
                .actions, .actionsCSV, .action(a), .coach, .coachCheckIn("phishing"), .coachTeam, .communityBenchmark("c"),
                .communityDiscussions("c"), .communityThreadNew("c"), .communityFlags("c"), .communityFlagResolve("c", a),
                .thread(a), .threadReplies(a), .threadEdit(a), .threadHistory(a), .threadAccept(a),
                .threadModerate(a), .threadFlag(a), .threadPollVote(a), .threadPollClose(a), .postEdit(a), .postHelpful(a), .threadVote(a), .communityEventQuestions("c", a), .threadDelete(a), .postDelete(a),
                .reportEdit(a), .reportHistory(a), .reportCommentEdit(a, b), .communityDiscussionsFeed("c"), .discussionsAtom("t", "c"), .communityResources("c"), .communityResourceNew("c"), .resource(a), .resourceDownload(a), .resourceDelete(a),
                .questionsQueue, .search, .notifications, .notificationsRead, .notificationSettings, .unsubscribe("t")]
    }
}
