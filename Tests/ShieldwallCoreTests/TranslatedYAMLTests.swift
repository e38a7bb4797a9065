import ShieldwallCore
import XCTest

/// Shipped YAML in a second language (issue #31): words laid over English, everything else English's; a missing
/// text stays English and is counted.
final class TranslatedYAMLTests: XCTestCase {
    func testWordsComeFromTheTranslationAndEverythingElseFromEnglish() throws {
        let english = """
            id: a
            title: Backups
            questions:
              - id: q1
                text: Backed up?
                points: 2
                options:
                  - {id: "yes", text: "Yes", points: 2}
                  - {id: "no", text: "No", points: 0}
              - id: q2
                text: Tested?
            links:
              - {title: "Guide", url: "https://example.org/guide"}
            steps:
              - One
              - Two
            """
        let spanish = """
            id: a
            title: Copias
            questions:
              - id: q2
                text: ¿Probadas?
              - id: q1
                text: ¿Con copia?
                points: 99
                options:
                  - {id: "no", text: "No"}
                  - {id: "yes", text: "Sí", points: 7}
              - id: q9
                text: Una pregunta que English no tiene
            links:
              - {title: "Guía", url: "https://evil.example"}
            steps: [Uno, Dos, Tres]
            """
        let merged = try TranslatedYAML.merge(english: english, translation: spanish, file: "a.yaml")
        XCTAssertEqual(merged.missing, 0)
        for words in ["title: Copias", "¿Con copia?", "¿Probadas?", "Sí", "Guía", "Tres"] { XCTAssertTrue(merged.text.contains(words), words) }
        for english in ["points: 99", "points: 7", "evil.example", "q9"] { XCTAssertFalse(merged.text.contains(english), english) }
        XCTAssertTrue(merged.text.contains("https://example.org/guide"))
        // Half a translation: the rest stays English, counted.
        let half = try TranslatedYAML.merge(english: english, translation: "questions:\n  - id: q1\n    text: ¿Con copia?\n", file: "a.yaml")
        XCTAssertTrue(half.text.contains("Backups") && half.text.contains("Tested?"))
        XCTAssertEqual(half.missing, 7, "title, q1's two answers, q2, the link and the two steps")
        XCTAssertEqual(try TranslatedYAML.wordCount(english, file: "a.yaml"), 8)
        XCTAssertThrowsError(try TranslatedYAML.merge(english: english, translation: "questions: [", file: "a.yaml")) {
            XCTAssertTrue(String(describing: $0).contains("a.yaml"))
        }
    }

    /// The Spanish bank scores exactly as the English one: same version, ids, points and conditions; only words differ.
    func testTheSpanishBankIsWholeAndScoresLikeTheEnglish() throws {
        let english = try QuestionBankLoader.bundled()
        let (spanish, missing) = try QuestionBankLoader.bundled(language: "es")
        XCTAssertEqual(missing, 0, "every text of the bank has a Spanish version")
        XCTAssertEqual(spanish.version, english.version)
        XCTAssertEqual(spanish.areas.map(\.id), english.areas.map(\.id))
        XCTAssertEqual(spanish.questions.map(\.id), english.questions.map(\.id))
        for (es, en) in zip(spanish.questions, english.questions) {
            XCTAssertEqual(es.options.map(\.id), en.options.map(\.id), en.id)
            XCTAssertEqual(es.options.map(\.points), en.options.map(\.points), en.id)
            XCTAssertNotEqual(es.text, en.text, en.id)
        }
        XCTAssertEqual(Set(spanish.recommendations.keys), Set(english.recommendations.keys))
        XCTAssertEqual(spanish.recommendations["automatic-backup"]?.links.map(\.url), english.recommendations["automatic-backup"]?.links.map(\.url))
        XCTAssertEqual(spanish.area("backups")?.title, "Copias de seguridad")
        let coach = try StaffCoach.bundled(language: "es")
        XCTAssertEqual(coach.missing, 0)
        XCTAssertEqual(coach.checkIns.map(\.id), try StaffCoach.bundled().map(\.id))
    }

    /// Every other shipped text in Spanish: playbooks, the plan template, the KPIs and the training modules, whole,
    /// with the English ids, roles, targets and answers.
    func testEveryShippedTextHasItsSpanish() throws {
        let (playbooks, playbooksMissing) = try PlaybookLibrary.bundled(language: "es")
        let english = try PlaybookLibrary.bundled()
        XCTAssertEqual(playbooksMissing, 0)
        XCTAssertEqual(playbooks.map(\.id), english.map(\.id))
        for (es, en) in zip(playbooks, english) {
            XCTAssertEqual(es.phases.flatMap(\.steps).map(\.id), en.phases.flatMap(\.steps).map(\.id), en.id)
            XCTAssertEqual(es.phases.flatMap(\.steps).map(\.call), en.phases.flatMap(\.steps).map(\.call), en.id)
            XCTAssertNotEqual(es.title, en.title == "Ransomware" ? "" : en.title, en.id)
        }
        XCTAssertEqual(PlaybookLibrary.match("nos han cifrado los ficheros y piden un rescate", among: playbooks)?.id, "ransomware")

        let (template, templateMissing) = try PlanTemplate.bundled(language: "es")
        XCTAssertEqual(templateMissing, 0)
        XCTAssertEqual(template.content.measures.map(\.id), try PlanTemplate.bundled().content.measures.map(\.id))
        XCTAssertEqual(template.content.measures.map(\.playbook), try PlanTemplate.bundled().content.measures.map(\.playbook))
        XCTAssertEqual(template.sections.first?.title, "Prevenir")

        let (kpis, kpisMissing) = try KPILibrary.bundled(language: "es")
        XCTAssertEqual(kpisMissing, 0)
        XCTAssertEqual(kpis.kpis.map(\.id), try KPILibrary.bundled().kpis.map(\.id))
        XCTAssertEqual(kpis.kpis.map(\.target), try KPILibrary.bundled().kpis.map(\.target))

        let training = try TrainingLibrary.bundled()
        for id in training.ids {
            XCTAssertEqual(training.languages(of: id), ["en", "es"], id)
            XCTAssertNotEqual(training.module(id, language: "es")?.title, training.module(id, language: "en")?.title, id)
        }
    }
}
