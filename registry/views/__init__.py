"""The registry's pages, one module per audience: `staff` (kab/kota, province and ministry
officers), and the modules of the KIM's own pages, the directory, downloads and exports."""
