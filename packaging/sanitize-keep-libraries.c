/* Preloaded by `packaging/dev.sh sanitize`: libraries stay loaded until the
 * process ends. SDL loads its drivers (audio, GL) and unloads them again at
 * SDL_Quit; a driver's own allocations, still held by its globals, then look
 * leaked to LeakSanitizer, which can no longer even name the library. Kept
 * loaded, they stay reachable and real leaks stand out. */
int dlclose(void *handle) {
    (void)handle;
    return 0;
}
