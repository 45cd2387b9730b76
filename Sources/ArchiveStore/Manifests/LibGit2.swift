internal import CLibGit2
import Foundation
import RadVaultCore

/// libgit2, opened on first use (`dlopen`) instead of linked into the executable.
///
/// Why: libgit2 and the libraries it needs (mbedTLS, libssh2, Kerberos, OpenSSL's libcrypto,
/// PCRE2, http-parser: 13 shared objects) took ~3 ms of every `radvault` start to map and
/// relocate, though only the manifest commands use git (`verify` reads the loose objects itself,
/// `GitLooseObjects`, and loads libgit2 only when they do not answer). The header (`CLibGit2`) still gives the types; the functions are
/// typed from the prototypes in `git2/*.h` and looked up by name in the library whose soname
/// the header states (`LIBGIT2_SOVERSION`), so the code that runs is the code that was linked.
struct LibGit2: @unchecked Sendable {
    let libgit2Init: @convention(c) () -> Int32
    let repositoryInit: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UnsafePointer<CChar>?, UInt32) -> Int32
    let repositoryOpen: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UnsafePointer<CChar>?) -> Int32
    let repositoryFree: @convention(c) (OpaquePointer?) -> Void
    let errorLast: @convention(c) () -> UnsafePointer<git_error>?
    let referenceNameToId:
        @convention(c) (UnsafeMutablePointer<git_oid>?, OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let revparseSingle:
        @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let objectFree: @convention(c) (OpaquePointer?) -> Void
    let objectId: @convention(c) (OpaquePointer?) -> UnsafePointer<git_oid>?
    let objectLookup:
        @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<git_oid>?, git_object_t) ->
            Int32
    let repositoryIndex: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?) -> Int32
    let indexFree: @convention(c) (OpaquePointer?) -> Void
    let indexClear: @convention(c) (OpaquePointer?) -> Int32
    let indexAddBypath: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let indexWrite: @convention(c) (OpaquePointer?) -> Int32
    let indexWriteTree: @convention(c) (UnsafeMutablePointer<git_oid>?, OpaquePointer?) -> Int32
    let commitLookup:
        @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<git_oid>?) -> Int32
    let commitTreeId: @convention(c) (OpaquePointer?) -> UnsafePointer<git_oid>?
    let commitFree: @convention(c) (OpaquePointer?) -> Void
    let commitCreate:
        @convention(c) (
            UnsafeMutablePointer<git_oid>?, OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<git_signature>?,
            UnsafePointer<git_signature>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, OpaquePointer?, Int,
            UnsafeMutablePointer<OpaquePointer?>?
        ) -> Int32
    let commitAuthor: @convention(c) (OpaquePointer?) -> UnsafePointer<git_signature>?
    let commitMessage: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let commitTime: @convention(c) (OpaquePointer?) -> git_time_t
    let oidEqual: @convention(c) (UnsafePointer<git_oid>?, UnsafePointer<git_oid>?) -> Int32
    let oidFromstr: @convention(c) (UnsafeMutablePointer<git_oid>?, UnsafePointer<CChar>?) -> Int32
    let treeLookup:
        @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<git_oid>?) -> Int32
    let treeFree: @convention(c) (OpaquePointer?) -> Void
    let treeEntrycount: @convention(c) (OpaquePointer?) -> Int
    let treeEntryByindex: @convention(c) (OpaquePointer?, Int) -> OpaquePointer?
    let treeEntryName: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let treeEntryId: @convention(c) (OpaquePointer?) -> UnsafePointer<git_oid>?
    let treeEntryType: @convention(c) (OpaquePointer?) -> git_object_t
    let signatureNew:
        @convention(c) (
            UnsafeMutablePointer<UnsafeMutablePointer<git_signature>?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
            git_time_t, Int32
        ) -> Int32
    let signatureFree: @convention(c) (UnsafeMutablePointer<git_signature>?) -> Void
    let tagCreateLightweight:
        @convention(c) (UnsafeMutablePointer<git_oid>?, OpaquePointer?, UnsafePointer<CChar>?, OpaquePointer?, Int32) ->
            Int32
    let tagList: @convention(c) (UnsafeMutablePointer<git_strarray>?, OpaquePointer?) -> Int32
    let strarrayDispose: @convention(c) (UnsafeMutablePointer<git_strarray>?) -> Void
    let revwalkNew: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?) -> Int32
    let revwalkFree: @convention(c) (OpaquePointer?) -> Void
    let revwalkSorting: @convention(c) (OpaquePointer?, UInt32) -> Int32
    let revwalkPushHead: @convention(c) (OpaquePointer?) -> Int32
    let revwalkNext: @convention(c) (UnsafeMutablePointer<git_oid>?, OpaquePointer?) -> Int32
    let blobLookup:
        @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<git_oid>?) -> Int32
    let blobFree: @convention(c) (OpaquePointer?) -> Void
    let blobRawsize: @convention(c) (OpaquePointer?) -> git_object_size_t
    let blobRawcontent: @convention(c) (OpaquePointer?) -> UnsafeRawPointer?

    /// The library, opened once (Swift globals are lazy and thread-safe).
    private static let loaded: Result<LibGit2, any Error> = Result { try LibGit2() }

    /// The opened library, or why it could not be opened.
    static func load() throws -> LibGit2 { try loaded.get() }

    /// The shared object named by the header's version (`libgit2.so.1.5` for libgit2 1.5).
    static let soname = "libgit2.so." + LIBGIT2_SOVERSION

    private init() throws {
        guard let handle = dlopen(Self.soname, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
            throw RadVaultError.unsupported(
                "cannot load \(Self.soname) (\(reason)): expected libgit2 \(LIBGIT2_SOVERSION) installed (Debian: libgit2-1.5)"
            )
        }
        func symbol<T>(_ name: String) throws -> T {
            guard let address = dlsym(handle, name) else {
                throw RadVaultError.unsupported(
                    "\(Self.soname): no function \(name), expected libgit2 \(LIBGIT2_VERSION)")
            }
            return unsafeBitCast(address, to: T.self)
        }
        libgit2Init = try symbol("git_libgit2_init")
        repositoryInit = try symbol("git_repository_init")
        repositoryOpen = try symbol("git_repository_open")
        repositoryFree = try symbol("git_repository_free")
        errorLast = try symbol("git_error_last")
        referenceNameToId = try symbol("git_reference_name_to_id")
        revparseSingle = try symbol("git_revparse_single")
        objectFree = try symbol("git_object_free")
        objectId = try symbol("git_object_id")
        objectLookup = try symbol("git_object_lookup")
        repositoryIndex = try symbol("git_repository_index")
        indexFree = try symbol("git_index_free")
        indexClear = try symbol("git_index_clear")
        indexAddBypath = try symbol("git_index_add_bypath")
        indexWrite = try symbol("git_index_write")
        indexWriteTree = try symbol("git_index_write_tree")
        commitLookup = try symbol("git_commit_lookup")
        commitTreeId = try symbol("git_commit_tree_id")
        commitFree = try symbol("git_commit_free")
        commitCreate = try symbol("git_commit_create")
        commitAuthor = try symbol("git_commit_author")
        commitMessage = try symbol("git_commit_message")
        commitTime = try symbol("git_commit_time")
        oidEqual = try symbol("git_oid_equal")
        oidFromstr = try symbol("git_oid_fromstr")
        treeLookup = try symbol("git_tree_lookup")
        treeFree = try symbol("git_tree_free")
        treeEntrycount = try symbol("git_tree_entrycount")
        treeEntryByindex = try symbol("git_tree_entry_byindex")
        treeEntryName = try symbol("git_tree_entry_name")
        treeEntryId = try symbol("git_tree_entry_id")
        treeEntryType = try symbol("git_tree_entry_type")
        signatureNew = try symbol("git_signature_new")
        signatureFree = try symbol("git_signature_free")
        tagCreateLightweight = try symbol("git_tag_create_lightweight")
        tagList = try symbol("git_tag_list")
        strarrayDispose = try symbol("git_strarray_dispose")
        revwalkNew = try symbol("git_revwalk_new")
        revwalkFree = try symbol("git_revwalk_free")
        revwalkSorting = try symbol("git_revwalk_sorting")
        revwalkPushHead = try symbol("git_revwalk_push_head")
        revwalkNext = try symbol("git_revwalk_next")
        blobLookup = try symbol("git_blob_lookup")
        blobFree = try symbol("git_blob_free")
        blobRawsize = try symbol("git_blob_rawsize")
        blobRawcontent = try symbol("git_blob_rawcontent")
    }
}
