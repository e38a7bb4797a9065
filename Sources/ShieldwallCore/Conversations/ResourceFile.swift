import Foundation

/// Files people upload to a community's library (templates, policies): a short list of document types,
/// each recognised by its extension *and* its first bytes, under a size limit. Anything else is refused
/// with the reason, so a renamed executable or an HTML page never lands in the library.
public enum ResourceFile {
    public static let maxBytes = 10 * 1024 * 1024

    public struct FileType: Sendable, Equatable {
        public let ext: String
        public let contentType: String
    }

    public enum Problem: Error, Equatable {
        case empty, tooLarge(Int), forbiddenType(String), contentMismatch(String), noName
    }

    static let zipDocuments: [String: String] = [
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
    ]
    static let textDocuments: [String: String] = ["txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"]

    public static var allowedExtensions: [String] { (["pdf", "png", "jpg", "jpeg"] + zipDocuments.keys + textDocuments.keys).sorted() }

    /// Decides on a file from its name, its size and its bytes (all of them for text; the start suffices otherwise).
    public static func check(name: String, bytes: [UInt8]) -> Result<FileType, Problem> {
        let ext = (name as NSString).pathExtension.lowercased()
        guard !safeName(name).isEmpty, !ext.isEmpty || !name.isEmpty else { return .failure(.noName) }
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= maxBytes else { return .failure(.tooLarge(maxBytes)) }
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes[0..<magic.count]) == magic }
        switch ext {
        case "pdf":
            return starts(Array("%PDF-".utf8)) ? .success(FileType(ext: ext, contentType: "application/pdf")) : .failure(.contentMismatch(ext))
        case "png":
            return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? .success(FileType(ext: ext, contentType: "image/png")) : .failure(.contentMismatch(ext))
        case "jpg", "jpeg":
            return starts([0xFF, 0xD8, 0xFF]) ? .success(FileType(ext: ext, contentType: "image/jpeg")) : .failure(.contentMismatch(ext))
        default:
            if let type = zipDocuments[ext] {
                return starts([0x50, 0x4B, 0x03, 0x04]) ? .success(FileType(ext: ext, contentType: type)) : .failure(.contentMismatch(ext))
            }
            if let type = textDocuments[ext] {
                guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else { return .failure(.contentMismatch(ext)) }
                return .success(FileType(ext: ext, contentType: type))
            }
            return .failure(.forbiddenType(ext.isEmpty ? "(none)" : ext))
        }
    }

    /// The name as shown and offered for download: no path, no control or quote characters, at most 120 characters.
    public static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = last.unicodeScalars.map { s -> String in
            if s.properties.generalCategory == .control || s == "\"" || s == ";" || s == "<" || s == ">" { return "_" }
            return String(s)
        }.joined().trimmingCharacters(in: .whitespaces)
        return String(cleaned.prefix(120))
    }

    /// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987).
    public static func contentDisposition(_ name: String) -> String {
        let safe = safeName(name)
        let ascii = String(safe.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\\" ? Character($0) : "_" })
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = safe.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
