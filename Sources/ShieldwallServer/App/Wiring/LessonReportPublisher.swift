import Foundation

/// A playbook run's lesson (Plans) becomes a lesson-learned report (ThreatSharing), resolved, through this adapter.
struct LessonReportPublisher: LessonReports {
    func publish(_ lesson: LessonDraft, in community: Community, by person: SignedIn, ctx: ActionContext) async throws -> UUID {
        let input = ReportActions.Input(kind: ThreatReport.Kind.lessonLearned.rawValue, title: lesson.title, summary: lesson.summary,
                                        narrative: nil, whatHappened: lesson.whatHappened, impact: lesson.impact, whatHelped: lesson.whatHelped,
                                        tlp: lesson.tlp, anonymous: lesson.anonymous, status: ThreatReport.Status.resolved.rawValue)
        return try await ReportActions.publish(input, in: community, by: person, ctx: ctx).requireID()
    }
}
