import Fluent
import Foundation
import ShieldwallCore

/// Conversations' digest lists overdue training (Training) through this adapter: the person's own overdue courses,
/// and for a firm's admin how many people of the firm are overdue.
struct OverdueTrainingDigest: DigestSection {
    func items(for person: Person, localiser: Localiser, now: Date, on db: any Database) async throws -> [NotificationFeed.Item] {
        guard let firm = person.$organisation.id, let personID = person.id else { return [] }
        let today = CalendarDay.string(now)
        var items: [NotificationFeed.Item] = []
        let library = try TrainingContent.library()
        for (key, cell) in try await TrainingProgress.person(person, on: db, today: today).sorted(by: { $0.key < $1.key }) where cell.status == .overdue {
            guard let course = CourseKey(key) else { continue }
            let title: String = switch course {
            case .module(let id): library.module(id, language: person.language)?.title ?? id
            case .external(let id): (try? await TrainingCourse.find(id, on: db)?.versions().first?.title) ?? localiser.text("training.course")
            }
            items.append(NotificationFeed.Item(id: cell.assignmentID, kind: nil, text: localiser.text("notification.overdue-training", ["course": title, "due": cell.dueOn]),
                                               path: SiteURL.trainingCourse(course.path).path, createdAt: now, read: false, communityID: nil))
        }
        guard person.organisationRole == .admin else { return items }
        let people = try await TrainingScope.people(of: firm, on: db).filter { $0.id != personID }
        let progress = try await TrainingProgress.firm(firm, people: people, on: db, today: today)
        let overdue = progress.cells.values.filter { $0.values.contains { $0.status == .overdue } }.count
        if overdue > 0 {
            items.append(NotificationFeed.Item(id: firm, kind: nil, text: localiser.text("notification.firm-overdue-training", ["count": String(overdue)]),
                                               path: SiteURL.organisationTraining(firm).path, createdAt: now, read: false, communityID: nil))
        }
        return items
    }
}
