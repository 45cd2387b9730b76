/* zlib, for reading git's loose objects (ArchiveStore/Manifests/GitLooseObjects.swift). */
#include <zlib.h>
