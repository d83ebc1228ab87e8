"""What several extraction tests share: a short article written for them (not taken from any news
text) that every extractor reads something from, and a time limit for inputs that once never finished."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

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


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError after `seconds`: a pattern that backtracks without end fails the test
    instead of hanging the suite."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
