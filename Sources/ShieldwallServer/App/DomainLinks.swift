import Foundation

/// How domains tell each other things without naming each other (README, "Layout"). Each protocol is declared
/// by the domain that asks, answered by the domain below it or by an adapter in `App/Wiring/`, and put
/// together here once, at start. Tests may swap one.
struct DomainLinks: Sendable {
    /// Communities' health page asks for the conversation figures; Conversations counts them.
    var conversationFigures: any ConversationFigureSource = ConversationHealth()
    /// Communities' health page asks for the plan's sign-off and the calls for help of its firms; Plans counts them.
    var planFigures: any PlanFigureSource = PlanHealthFigures()
    /// Communities' calendar announces a new Ask-Me-Anything; Conversations notifies the people taking part.
    var eventNotices: any CommunityEventNotices = ConversationNotices()
    /// Accounts' organisation page lists the firm's communities; Communities answers.
    var organisationCommunities: any OrganisationCommunityList = FirmCommunities()
    /// What a digest lists besides notifications: the firm's overdue plan actions (Assessments) and training (Training).
    var digestSections: [any DigestSection] = [OverdueActionsDigest(), OverdueTrainingDigest()]
    /// The plan's measures become actions in the firm's action plan (Assessments).
    var firmActions: any FirmActionList = PlanMeasureActions()
    /// A playbook run's lesson becomes a lesson-learned report (ThreatSharing).
    var lessonReports: any LessonReports = LessonReportPublisher()
    /// Plans and ThreatSharing tell people of new versions, calls for help and reports; Conversations keeps the notifications.
    var peopleNotices: any PeopleNotices = ConversationNotices()
    /// A firm's bouncer gets its communities' blocklists and is kept off its allowlist (ThreatSharing).
    var firmThreatFeed: any FirmThreatFeed = FirmThreatFeedFromReports()
    /// The security dashboard puts a neglected device in the firm's action list (Assessments).
    var securityFollowUps: any SecurityFollowUps = SecurityFollowUpActions()
    /// An advisory goes into the firm's action list (Assessments).
    var advisoryFollowUps: any AdvisoryFollowUps = SecurityFollowUpActions()
    /// The plan shows the KPI set its community agreed (Metrics).
    var planKPIs: any PlanKPIs = PlanKPIsFromMetrics()
    /// The operator's console counts what the domains above Accounts hold (Integrations: connected firms, alerts, devices).
    var operatorFigures: [any OperatorFigureSource] = [IntegrationOperatorFigures()]
    /// Conversations' bell words what Plans and ThreatSharing keep, for each reader as they may see it.
    var notificationSubjects: [any NotificationSubjects] = [PlanNotificationSubjects(), ReportNotificationSubjects()]
    /// ThreatSharing's TAXII server lets other instances read with the reading accounts Federation keeps.
    var taxiiPeers: any TaxiiPeerAccounts = PeerAccounts()
    /// ThreatSharing's report page says which instance a pulled report came from (Federation).
    var reportProvenance: any ReportProvenanceSource = PeerReportOrigins()
}
