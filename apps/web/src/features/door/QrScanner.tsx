import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconCamera, IconCameraOff, IconPlayerStop } from '@tabler/icons-react';
import type { IScannerControls } from '@zxing/browser';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type CameraProblem = 'denied' | 'no-camera' | 'busy' | 'unsupported' | 'other';

/** Each problem's title and advice, as catalog keys (written out whole for the catalog check). */
const PROBLEM_TEXT: Record<CameraProblem, { title: string; body: string }> = {
  denied: { title: 'web.door.camera.deniedTitle', body: 'web.door.camera.deniedBody' },
  'no-camera': { title: 'web.door.camera.noCameraTitle', body: 'web.door.camera.noCameraBody' },
  busy: { title: 'web.door.camera.busyTitle', body: 'web.door.camera.busyBody' },
  unsupported: { title: 'web.door.camera.unsupportedTitle', body: 'web.door.camera.unsupportedBody' },
  other: { title: 'web.door.camera.otherTitle', body: 'web.door.camera.otherBody' },
};

const CAMERA_KEY = 'zevents.door.camera';
const DEVICE_KEY = 'zevents.door.deviceId';

function classify(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'no-camera';
  if (name === 'NotReadableError' || name === 'TrackStartError') return 'busy';
  return 'other';
}

function remember(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage may be off; the door still works, it just forgets.
  }
}

function recall(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * The phone's camera as a QR reader (zxing, loaded only when the camera starts). Reports each decoded
 * text; the page decides what to do with repeats.
 */
export function QrScanner({ onScan }: { onScan: (text: string) => void }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const controlsRef = useRef<IScannerControls | null>(null);
  const onScanRef = useRef(onScan);
  const startId = useRef(0);
  const [state, setState] = useState<'idle' | 'starting' | 'running' | 'error'>('idle');
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(() => recall(DEVICE_KEY));

  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  const stop = useCallback(() => {
    startId.current += 1;
    controlsRef.current?.stop();
    controlsRef.current = null;
    setState('idle');
  }, []);

  const start = useCallback(async (wantedDevice: string | null) => {
    const id = ++startId.current;
    controlsRef.current?.stop();
    controlsRef.current = null;
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('unsupported');
      setState('error');
      return;
    }
    setState('starting');
    try {
      const { BrowserQRCodeReader } = await import('@zxing/browser');
      const reader = new BrowserQRCodeReader(undefined, {
        delayBetweenScanAttempts: 120,
        delayBetweenScanSuccess: 600,
      });
      const video = videoRef.current;
      if (!video || id !== startId.current) return;
      const controls = await reader.decodeFromVideoDevice(wantedDevice ?? undefined, video, (result) => {
        if (result) onScanRef.current(result.getText());
      });
      if (id !== startId.current) {
        controls.stop();
        return;
      }
      controlsRef.current = controls;
      setState('running');
      remember(CAMERA_KEY, 'on');
      BrowserQRCodeReader.listVideoInputDevices()
        .then((list) => id === startId.current && setDevices(list))
        .catch(() => undefined);
    } catch (error) {
      if (id !== startId.current) return;
      // A remembered camera that is gone: fall back to the default one once.
      if (wantedDevice && classify(error) === 'no-camera') {
        remember(DEVICE_KEY, '');
        setDeviceId(null);
        void start(null);
        return;
      }
      setProblem(classify(error));
      setState('error');
    }
  }, []);

  // Door staff who used the camera last time get it back straight away.
  useEffect(() => {
    if (recall(CAMERA_KEY) === 'on') void start(recall(DEVICE_KEY) || null);
    return () => {
      startId.current += 1;
      controlsRef.current?.stop();
      controlsRef.current = null;
    };
  }, [start]);

  const running = state === 'running';
  const problemText = problem ? PROBLEM_TEXT[problem] : null;

  return (
    <Stack gap="sm">
      <div className="ze-door-video">
        <video ref={videoRef} muted playsInline aria-label={t('web.door.camera.preview')} />
        {running && <div className="ze-door-frame" aria-hidden />}
        {!running && (
          <div className="ze-door-video-placeholder">
            <Stack align="center" gap="xs">
              {state === 'error' ? (
                <IconCameraOff size={40} aria-hidden />
              ) : (
                <IconCamera size={40} aria-hidden />
              )}
              <Text size="sm" c="inherit">
                {state === 'starting' ? t('web.door.camera.starting') : t('web.door.camera.off')}
              </Text>
            </Stack>
          </div>
        )}
      </div>
      {problemText && (
        <Alert
          color={problem === 'denied' ? 'orange' : 'gray'}
          title={t(problemText.title)}
          icon={<IconCameraOff size={18} />}
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          {t(problemText.body)}
        </Alert>
      )}
      <Group gap="xs" wrap="wrap">
        {running ? (
          <Button
            variant="default"
            leftSection={<IconPlayerStop size={18} />}
            onClick={() => {
              remember(CAMERA_KEY, 'off');
              stop();
            }}
          >
            {t('web.door.camera.stop')}
          </Button>
        ) : (
          <Button
            leftSection={<IconCamera size={18} />}
            onClick={() => void start(deviceId)}
            loading={state === 'starting'}
            size="md"
          >
            {state === 'error' ? t('web.door.camera.retry') : t('web.door.camera.start')}
          </Button>
        )}
        {devices.length > 1 && (
          <Select
            aria-label={t('web.door.camera.select')}
            size="sm"
            style={{ flex: '1 1 180px' }}
            allowDeselect={false}
            value={deviceId ?? devices[0]?.deviceId ?? null}
            data={devices.map((d, i) => ({
              value: d.deviceId,
              label: d.label || t('web.door.camera.numbered', { n: i + 1 }),
            }))}
            onChange={(value) => {
              if (!value) return;
              remember(DEVICE_KEY, value);
              setDeviceId(value);
              void start(value);
            }}
          />
        )}
      </Group>
    </Stack>
  );
}
