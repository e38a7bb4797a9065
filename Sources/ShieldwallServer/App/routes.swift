import Prometheus
import Vapor

func routes(_ app: Application, registry: PrometheusCollectorRegistry) throws {
    try app.register(collection: OperationsController(registry: registry))

    let web = app.grouped(WebSessionMiddleware())
    try web.register(collection: HomeController())
    try web.register(collection: SignInController())
    try web.register(collection: RegistrationController())
    try web.register(collection: InvitationController())
    try web.register(collection: AccountController())
    try web.register(collection: OrganisationController())
    try web.register(collection: OperatorController())
    try web.register(collection: CommunityController())
    try web.register(collection: ToolkitController())
    try web.register(collection: MembershipController())
    try web.register(collection: EventController())
    try web.register(collection: HealthController())
    try web.register(collection: OperatorCommunityController())
    try web.register(collection: ReportController())
    try web.register(collection: IndicatorController())
    try web.register(collection: BlocklistController())
    try web.register(collection: AllowlistController())
    try web.register(collection: AssessmentController())
    try web.register(collection: ActionController())
    try web.register(collection: CoachController())
    try web.register(collection: BenchmarkController())
    try web.register(collection: ThreadController())
    try web.register(collection: ThreadEditController())
    try web.register(collection: ThreadActionsController())
    try web.register(collection: FlagController())
    try web.register(collection: QuestionQueueController())
    try web.register(collection: AMAController())
    try web.register(collection: SearchController())
    try web.register(collection: NotificationController())
    // The token in an unsubscribe link is the key; mail programs post to it without a session (RFC 8058).
    try app.register(collection: UnsubscribeController())

    try app.register(collection: TaxiiController())

    let api = app.grouped("api", "v1").grouped(BearerAuthMiddleware())
    try api.register(collection: AccountsAPI())
    try api.register(collection: CommunitiesAPI())
    try api.register(collection: CommunityActionsAPI())
    try api.register(collection: ThreatAPI())
    try api.register(collection: AssessmentAPI())
    try api.register(collection: ConversationAPI())
}
