import Foundation

/// What changed between two versions of a plan, for people: which measures were added, removed or reworded,
/// and the words themselves, with what was taken out and put in marked.
public enum PlanDiff {
    public enum Piece: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
        /// Unchanged lines left out between two changes.
        case skipped(Int)
    }

    public struct MeasureChange: Equatable, Sendable {
        public enum Kind: String, Sendable { case added, removed, reworded, moved }
        public let kind: Kind
        public let section: PlanSectionKind
        public let measureID: String
        public let title: String
    }

    /// Measure by measure, in the newer version's order, then the removed ones.
    public static func measures(from old: PlanContent, to new: PlanContent) -> [MeasureChange] {
        var out: [MeasureChange] = []
        for section in new.sections {
            for m in section.measures {
                guard let before = old.measure(m.id) else {
                    out.append(MeasureChange(kind: .added, section: section.id, measureID: m.id, title: m.title)); continue
                }
                if before.title != m.title || before.text != m.text || before.playbook != m.playbook {
                    out.append(MeasureChange(kind: .reworded, section: section.id, measureID: m.id, title: m.title))
                } else if old.section(of: m.id) != section.id {
                    out.append(MeasureChange(kind: .moved, section: section.id, measureID: m.id, title: m.title))
                }
            }
        }
        for section in old.sections {
            for m in section.measures where new.measure(m.id) == nil {
                out.append(MeasureChange(kind: .removed, section: section.id, measureID: m.id, title: m.title))
            }
        }
        return out
    }

    /// The whole plan line by line, unchanged runs longer than `context` lines on each side of a change left out.
    public static func lines(from old: PlanContent, to new: PlanContent, context: Int = 2) -> [Piece] {
        collapse(pieces(lines(of: old), lines(of: new)), context: context)
    }

    /// One text against another word by word (spaces kept with the word before them), for a reworded measure.
    public static func words(from old: String, to new: String) -> [Piece] {
        merge(pieces(words(old), words(new)))
    }

    static func lines(of content: PlanContent) -> [String] {
        var out: [String] = []
        for section in content.sections {
            out.append("## " + section.title)
            for m in section.measures {
                out.append("### " + m.title)
                out += m.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if let playbook = m.playbook { out.append("Playbook: " + playbook) }
            }
        }
        return out
    }

    static func words(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for ch in text {
            if ch.isWhitespace { current.append(ch) } else {
                if let last = current.last, last.isWhitespace { out.append(current); current = "" }
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The old sequence walked against the new with the standard library's difference: removals first
    /// where both change at one place, so a reworded line reads "was … now …".
    static func pieces(_ old: [String], _ new: [String]) -> [Piece] {
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var out: [Piece] = [], i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) { out.append(.removed(old[i])); i += 1 }
            else if j < new.count, inserted.contains(j) { out.append(.added(new[j])); j += 1 }
            else if i < old.count, j < new.count { out.append(.same(old[i])); i += 1; j += 1 }
            else if i < old.count { out.append(.removed(old[i])); i += 1 }
            else { out.append(.added(new[j])); j += 1 }
        }
        return out
    }

    /// Neighbouring words of the same kind joined into one piece.
    static func merge(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        for piece in pieces {
            switch (out.last, piece) {
            case (.same(let a)?, .same(let b)): out[out.count - 1] = .same(a + b)
            case (.removed(let a)?, .removed(let b)): out[out.count - 1] = .removed(a + b)
            case (.added(let a)?, .added(let b)): out[out.count - 1] = .added(a + b)
            default: out.append(piece)
            }
        }
        return out
    }

    static func collapse(_ pieces: [Piece], context: Int) -> [Piece] {
        let changed = pieces.indices.filter { if case .same = pieces[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return [] }
        var keep = Set<Int>()
        for c in changed { for k in max(0, c - context)...min(pieces.count - 1, c + context) { keep.insert(k) } }
        var out: [Piece] = [], skipped = 0
        for (n, piece) in pieces.enumerated() {
            if keep.contains(n) {
                if skipped > 0 { out.append(.skipped(skipped)); skipped = 0 }
                out.append(piece)
            } else {
                skipped += 1
            }
        }
        if skipped > 0 { out.append(.skipped(skipped)) }
        return out
    }
}
