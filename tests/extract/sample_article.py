"""A short article written for these tests, not taken from any news text, that every extractor reads from."""

PARAGRAPH = (
    "Pemkab Sleman Raih Paritrana Award 2024\n"
    "SLEMAN - Pemerintah Kabupaten Sleman meraih juara 2 Paritrana Award 2024"
    " tingkat Provinsi DI Yogyakarta.\n"
    "Bupati Sleman, Harda Wiyana, mengatakan sebanyak 12.345 pekerja informal telah terdaftar sebagai peserta"
    " BPJS Ketenagakerjaan hingga akhir 2023.\n"
    "Kepala Dinas Tenaga Kerja Kabupaten Sleman Rina Marlina menyebut cakupan kepesertaan"
    " mencapai 45,6 persen pada tahun 2023.\n"
    "Perlindungan itu diatur dalam Peraturan Bupati Nomor 12 Tahun 2023"
    " tentang Perlindungan Pekerja Rentan.\n"
    "Pekerja rentan mendapat program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) dari"
    " BPJS Ketenagakerjaan Cabang Yogyakarta.\n"
    "Sementara itu, Kota Blitar menempati urutan ketiga, disusul Kabupaten Kulon Progo."
)
