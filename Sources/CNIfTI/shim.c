/* Empty: CNIfTI only exposes libnifti2 headers to Swift. */
